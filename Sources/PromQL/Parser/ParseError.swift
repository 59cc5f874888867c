/// One parse or type-checking error, as Prometheus's `parser.ParseErr`.
public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where in the query the problem is.
    public var positionRange: PositionRange
    /// The message without position, e.g. `unexpected end of input`.
    public var message: String
    /// The query text the range refers to (used to turn byte offsets into line:col).
    public var query: String
    /// Lines to add when the query is embedded in a larger file (promqltest, rule files).
    public var lineOffset: Int

    public init(positionRange: PositionRange, message: String, query: String, lineOffset: Int = 0) {
        self.positionRange = positionRange
        self.message = message
        self.query = query
        self.lineOffset = lineOffset
    }

    /// `line:col: parse error: message`, exactly as Prometheus prints it.
    public var description: String {
        "\(positionRange.startPosition(in: query, lineOffset: lineOffset)): parse error: \(message)"
    }
}

/// Every error found in one query; printed as its first error (Prometheus's `ParseErrors`).
public struct ParseErrors: Error, Sendable, Hashable, CustomStringConvertible {
    public var errors: [ParseError]

    public init(_ errors: [ParseError]) { self.errors = errors }

    public var description: String { errors.first?.description ?? "error contains no error message" }
}
