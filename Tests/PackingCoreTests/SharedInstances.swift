import Foundation

/// The Falkenauer instances and baselines in ../shared/binpacking-instances (never copied into
/// the repository: their licences forbid it). Nil when that folder is absent.
struct SharedInstance: Sendable, CustomStringConvertible {
    var name: String
    var cls: String
    var capacity: Int
    var sizes: [Int]
    var opt: Int
    var l2: Int
    var ffd: Int
    var bfd: Int

    var description: String { name }

    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/binpacking-instances")

    static let skipMessage = "../shared/binpacking-instances is absent: the 160-instance baseline tests are skipped"

    static var available: Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent("baselines.csv").path) }

    /// All 160 rows of baselines.csv with their BPPLIB item files.
    static func all() throws -> [SharedInstance] {
        let csv = try String(contentsOf: root.appendingPathComponent("baselines.csv"), encoding: .utf8)
        var rows = csv.split(whereSeparator: \.isNewline).map { $0.split(separator: ",").map(String.init) }
        let header = rows.removeFirst()
        func col(_ name: String) -> Int { header.firstIndex(of: name) ?? -1 }
        let (iName, iCls, iOpt, iL2, iFFD, iBFD) = (col("instance"), col("cls"), col("opt"), col("L2"), col("FFD"), col("BFD"))
        return try rows.map { row in
            let name = row[iName]
            let folder = name.hasPrefix("t") ? "Falkenauer_T" : "Falkenauer_U"
            let text = try String(
                contentsOf: root.appendingPathComponent("bpplib/\(folder)/Falkenauer_\(name).txt"), encoding: .utf8)
            let numbers = text.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
            return SharedInstance(
                name: name, cls: row[iCls], capacity: numbers[1], sizes: Array(numbers[2...]),
                opt: Int(row[iOpt]) ?? -1, l2: Int(row[iL2]) ?? -1, ffd: Int(row[iFFD]) ?? -1, bfd: Int(row[iBFD]) ?? -1)
        }
    }
}
