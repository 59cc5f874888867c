/// One HTTP header field as sent or received.
public struct HTTPHeader: Sendable, Hashable {
    /// The field name, as written (matching is case-insensitive).
    public var name: String
    /// The field value, without surrounding whitespace.
    public var value: String

    /// Creates a header field.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// An ordered list of header fields with case-insensitive lookup.
///
/// Order and repeats are kept (a response may carry `Set-Cookie` or `Link` twice);
/// `subscript` answers the first value, `values(for:)` all of them.
public struct HTTPHeaders: Sendable, Hashable, ExpressibleByDictionaryLiteral, Sequence {
    /// The fields in the order they were added or received.
    public private(set) var fields: [HTTPHeader]

    /// Creates headers from fields in order.
    public init(_ fields: [HTTPHeader] = []) {
        self.fields = fields
    }

    /// Creates headers from a literal such as `["Content-Type": "application/json"]`.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.fields = elements.map { HTTPHeader(name: $0.0, value: $0.1) }
    }

    /// Appends a field, keeping any earlier field of the same name.
    public mutating func add(name: String, value: String) {
        fields.append(HTTPHeader(name: name, value: value))
    }

    /// Sets the field `name` to one value, removing any earlier fields of that name
    /// (case-insensitive), as Go's `Header.Set`.
    public mutating func set(name: String, value: String) {
        let key = name.lowercased()
        fields.removeAll { $0.name.lowercased() == key }
        fields.append(HTTPHeader(name: name, value: value))
    }

    /// The first value of the field `name` (case-insensitive), or nil.
    public subscript(name: String) -> String? {
        let key = name.lowercased()
        return fields.first { $0.name.lowercased() == key }?.value
    }

    /// Every value of the field `name` (case-insensitive), in order.
    public func values(for name: String) -> [String] {
        let key = name.lowercased()
        return fields.filter { $0.name.lowercased() == key }.map(\.value)
    }

    /// The number of fields.
    public var count: Int { fields.count }

    /// Iterates the fields in order.
    public func makeIterator() -> IndexingIterator<[HTTPHeader]> {
        fields.makeIterator()
    }
}
