/// Interns label names and values so each distinct string is stored once and
/// referenced by a 32-bit id (as the TSDB's symbol table does).
struct SymbolTable: Sendable {
    private(set) var strings: [String] = []
    private var ids: [String: UInt32] = [:]

    /// The id of `string`, adding it when new.
    mutating func intern(_ string: String) -> UInt32 {
        if let id = ids[string] { return id }
        let id = UInt32(strings.count)
        strings.append(string)
        ids[string] = id
        return id
    }

    /// The id of `string` when it was ever interned.
    func id(of string: String) -> UInt32? { ids[string] }

    subscript(id: UInt32) -> String { strings[Int(id)] }

    var count: Int { strings.count }
}
