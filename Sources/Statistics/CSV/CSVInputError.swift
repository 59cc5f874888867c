/// A problem with a CSV input (`binwatch analyze`), located as `file:line:col:` where a cell is at fault.
public struct CSVInputError: Error, CustomStringConvertible {
    /// The file the CSV came from.
    public var file: String
    /// 1-based line of the cell at fault, when one is.
    public var line: Int?
    /// 1-based column (in bytes) of the cell at fault, when one is.
    public var column: Int?
    /// What is wrong.
    public var message: String

    /// - Parameters:
    ///   - line: nil when no single line is at fault.
    public init(file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:col: message`, leaving out what is unknown.
    public var description: String {
        switch (line, column) {
        case let (l?, c?): return "\(file):\(l):\(c): \(message)"
        case let (l?, nil): return "\(file):\(l): \(message)"
        default: return "\(file): \(message)"
        }
    }
}
