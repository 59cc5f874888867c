/// One result row: each column's text form, or `nil` for SQL NULL.
public struct Row: Sendable, Hashable {
    /// Each column's text form, nil for NULL.
    public var values: [String?]

    /// A row of text values (nil for NULL).
    public init(_ values: [String?]) { self.values = values }

    /// The text of column `index`, or nil for NULL (or an index out of range).
    public subscript(index: Int) -> String? {
        values.indices.contains(index) ? values[index] : nil
    }

    /// Column `index` as a float, or nil for NULL.
    ///
    /// Numeric types (integers, floats, `numeric`, including `NaN` and `±Infinity`) convert;
    /// booleans give 1 or 0, as postgres_exporter does; other types convert only when their
    /// text is a number (a `text` column holding `42`), as sql_exporter does.
    /// - Throws: `PostgresError` of kind `.conversion` naming the column, type and value.
    public func double(at index: Int, column: Column) throws(PostgresError) -> Double? {
        guard let text = self[index] else { return nil }
        if column.type == .bool {
            switch text {
            case "t": return 1
            case "f": return 0
            default: break
            }
        }
        if let value = Self.parseNumber(text) { return value }
        throw PostgresError(
            kind: .conversion,
            message: "column \"\(column.name)\" of type \(column.type.name) is not numeric: \"\(Self.clip(text))\"")
    }

    /// PostgreSQL's numeric text: decimal or exponent notation, `NaN`, `Infinity`, `-Infinity`.
    /// Swift's own parser is stricter than needed (it takes hex floats), so the text is checked first.
    static func parseNumber(_ text: String) -> Double? {
        switch text {
        case "NaN": return .nan
        case "Infinity", "+Infinity": return .infinity
        case "-Infinity": return -.infinity
        default: break
        }
        let allowed = text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || byte == 0x2E || byte == 0x2D || byte == 0x2B || byte == 0x65 || byte == 0x45
        }
        guard allowed, text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Double(text)
    }

    /// Long values are cut in messages: a row may hold a whole document.
    static func clip(_ text: String) -> String {
        text.count <= 64 ? text : String(text.prefix(61)) + "..."
    }
}
