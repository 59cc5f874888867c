import Model

extension KeyedDecodingContainer {
    /// A `Timestamp` stored as Unix milliseconds.
    func decodeTimestamp(forKey key: Key) throws -> Timestamp {
        Timestamp(milliseconds: try decode(Int64.self, forKey: key))
    }
}

extension KeyedEncodingContainer {
    /// Stores a `Timestamp` as Unix milliseconds.
    mutating func encodeTimestamp(_ t: Timestamp, forKey key: Key) throws {
        try encode(t.milliseconds, forKey: key)
    }
}
