import Foundation

/// A CSV file read per RFC 4180 (quoted fields, "" escapes, commas and line breaks inside quotes,
/// CRLF or LF), keeping the line and column of every field so errors can point at the cell.
public struct CSVTable: Sendable {
    /// One field: a byte range of the file and where it starts.
    public struct Field: Sendable {
        /// Byte offsets of the field's text in `bytes` (inside the quotes when quoted).
        public var start: Int
        public var end: Int
        /// Where the field starts (1-based; the column counts bytes).
        public var line: Int
        public var column: Int
        /// Whether the field was quoted (its text may hold "" escapes).
        public var quoted: Bool
    }

    /// The fields of one record, indexed from 0.
    public struct Record: RandomAccessCollection, Sendable {
        let base: ArraySlice<Field>
        public var startIndex: Int { 0 }
        public var endIndex: Int { base.count }
        public subscript(i: Int) -> Field { base[base.startIndex + i] }
    }

    /// All records as views into one flat field array: a million-row file must not cost an
    /// allocation per row.
    public struct Records: RandomAccessCollection, Sendable {
        let fields: [Field]
        /// `starts[r]..<starts[r + 1]` are the fields of record r.
        let starts: [Int]
        public var startIndex: Int { 0 }
        public var endIndex: Int { starts.count - 1 }
        public subscript(r: Int) -> Record { Record(base: fields[starts[r]..<starts[r + 1]]) }
    }

    /// The file name, for errors.
    public let file: String
    /// The file's bytes (without a UTF-8 byte-order mark).
    public let bytes: [UInt8]
    /// Records in file order (blank lines skipped); the header, if any, is `records[0]`.
    public let records: Records

    /// Splits the bytes of `file` (named in errors only; reading it is the caller's job).
    /// - Throws: `CSVInputError` when the bytes are not UTF-8 or break the quoting rules.
    public init(file: String, bytes raw: [UInt8]) throws(CSVInputError) {
        self.file = file
        var bytes = raw
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }  // UTF-8 byte-order mark
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw CSVInputError(file: file, "the file is not UTF-8 text")
        }
        self.bytes = bytes
        records = try Self.split(bytes, file: file)
    }

    /// The text of a field, quotes removed and "" unescaped.
    public func text(_ f: Field) -> String {
        let raw = String(decoding: bytes[f.start..<f.end], as: UTF8.self)
        return f.quoted ? raw.replacingOccurrences(of: "\"\"", with: "\"") : raw
    }

    private static func split(_ b: [UInt8], file: String) throws(CSVInputError) -> Records {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var fields: [Field] = []
        var starts: [Int] = [0]
        var record: [Field] = []
        var i = 0, line = 1, lineStart = 0
        let n = b.count
        // Each iteration reads one field and the separator after it.
        while i < n || !record.isEmpty {
            let column = i - lineStart + 1, startLine = line
            var field: Field
            if i < n && b[i] == quote {
                let open = i
                i += 1
                let start = i
                while true {
                    guard i < n else {
                        throw CSVInputError(file: file, line: startLine, column: column, "unterminated quoted field (the quote opened here is never closed)")
                    }
                    if b[i] == quote {
                        if i + 1 < n && b[i + 1] == quote { i += 2; continue }
                        break
                    }
                    if b[i] == lf { line += 1; lineStart = i + 1 }
                    i += 1
                }
                field = Field(start: start, end: i, line: startLine, column: open - lineStart + 1, quoted: true)
                field.column = column
                i += 1  // closing quote
                if i < n && b[i] != comma && b[i] != lf && b[i] != cr {
                    throw CSVInputError(file: file, line: line, column: i - lineStart + 1, "expected ',' or end of line after a closing quote")
                }
            } else {
                let start = i
                while i < n && b[i] != comma && b[i] != lf && b[i] != cr {
                    if b[i] == quote {
                        throw CSVInputError(file: file, line: line, column: i - lineStart + 1, "a quote inside an unquoted field (quote the whole field and double the quote)")
                    }
                    i += 1
                }
                field = Field(start: start, end: i, line: line, column: column, quoted: false)
            }
            record.append(field)
            if i < n && b[i] == comma {
                i += 1
                if i == n { record.append(Field(start: i, end: i, line: line, column: i - lineStart + 1, quoted: false)) } else { continue }
            }
            // End of record: CRLF, LF, lone CR, or end of file.
            if i < n && b[i] == cr { i += 1 }
            if i < n && b[i] == lf { i += 1 }
            line += 1
            lineStart = i
            let blank = record.count == 1 && !record[0].quoted && record[0].start == record[0].end
            if !blank {
                fields.append(contentsOf: record)
                starts.append(fields.count)
            }
            record.removeAll(keepingCapacity: true)
        }
        return Records(fields: fields, starts: starts)
    }
}
