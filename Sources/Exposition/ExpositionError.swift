public import Model

/// One problem in an exposition: where it is (1-based line and column, the file when known)
/// and what was expected there.
public struct ExpositionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file name, when the input came from a file.
    public var file: String?
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String? = nil, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// The position as a `SourceLocation` (file `<input>` when unknown).
    public var location: SourceLocation {
        SourceLocation(file: file ?? "<input>", line: line, column: column)
    }

    /// `file:line:col: message`, or `line:col: message` without a file.
    public var description: String {
        let prefix = file.map { "\($0):" } ?? ""
        return "\(prefix)\(line):\(column): \(message)"
    }
}

/// Every problem found in one input, in input order (the parser does not stop at the first).
public struct ExpositionErrors: Error, Sendable, Hashable, CustomStringConvertible {
    public var errors: [ExpositionError]

    public init(_ errors: [ExpositionError]) { self.errors = errors }

    /// One error per line.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
