import Foundation
import Statistics

extension CSVTable {
    /// Reads and splits `path` (the Statistics module does no I/O, so the reading is here).
    /// - Throws: `CSVInputError` when the file cannot be read, is not UTF-8, or breaks the quoting rules.
    init(path: String) throws(CSVInputError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CSVInputError(file: path, "cannot read the file (missing or not readable)")
        }
        try self.init(file: path, bytes: [UInt8](data))
    }
}
