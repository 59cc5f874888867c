/// Malformed probe input: the file, the JSON path of the element and field, and what is wrong.
public struct PutawayInputError: Error, CustomStringConvertible {
    /// The file the input came from.
    public var file: String
    /// The JSON path of the element and field at fault (`bins[3].cubicFeet`), or empty for the document.
    public var path: String
    /// What is wrong.
    public var message: String

    /// - Parameters:
    ///   - path: empty when the whole document is at fault.
    public init(file: String, path: String, message: String) {
        self.file = file
        self.path = path
        self.message = message
    }

    /// `file: path: message`.
    public var description: String { path.isEmpty ? "\(file): \(message)" : "\(file): \(path): \(message)" }
}
