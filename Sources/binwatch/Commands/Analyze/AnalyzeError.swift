/// A problem with `binwatch analyze` input, located as `file:line:col:` where a cell is at fault.
struct AnalyzeError: Error, CustomStringConvertible {
    var file: String
    var line: Int?
    var column: Int?
    var message: String

    init(file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    var description: String {
        switch (line, column) {
        case let (l?, c?): return "\(file):\(l):\(c): \(message)"
        case let (l?, nil): return "\(file):\(l): \(message)"
        default: return "\(file): \(message)"
        }
    }
}
