import Foundation

/// A CSV file read per RFC 4180 (quoted fields, "" escapes, commas and line breaks inside quotes,
/// CRLF or LF), keeping the line and column of every field so errors can point at the cell.
struct CSVTable {
    /// One field: a byte range of the file and where it starts.
    struct Field {
        var start: Int
        var end: Int
        var line: Int
        var column: Int
        var quoted: Bool
    }

    /// The fields of one record, indexed from 0.
    struct Record: RandomAccessCollection {
        let base: ArraySlice<Field>
        var startIndex: Int { 0 }
        var endIndex: Int { base.count }
        subscript(i: Int) -> Field { base[base.startIndex + i] }
    }

    /// All records as views into one flat field array: a million-row file must not cost an
    /// allocation per row.
    struct Records: RandomAccessCollection {
        let fields: [Field]
        /// `starts[r]..<starts[r + 1]` are the fields of record r.
        let starts: [Int]
        var startIndex: Int { 0 }
        var endIndex: Int { starts.count - 1 }
        subscript(r: Int) -> Record { Record(base: fields[starts[r]..<starts[r + 1]]) }
    }

    let file: String
    let bytes: [UInt8]
    /// Records in file order (blank lines skipped); the header, if any, is `records[0]`.
    let records: Records

    /// Reads and splits `path`.
    /// - Throws: `AnalyzeError` when the file cannot be read, is not UTF-8, or breaks the quoting rules.
    init(path: String) throws(AnalyzeError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AnalyzeError(file: path, "cannot read the file (missing or not readable)")
        }
        try self.init(file: path, bytes: [UInt8](data))
    }

    init(file: String, bytes raw: [UInt8]) throws(AnalyzeError) {
        self.file = file
        var bytes = raw
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }  // UTF-8 byte-order mark
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw AnalyzeError(file: file, "the file is not UTF-8 text")
        }
        self.bytes = bytes
        records = try Self.split(bytes, file: file)
    }

    /// The text of a field, quotes removed and "" unescaped.
    func text(_ f: Field) -> String {
        let raw = String(decoding: bytes[f.start..<f.end], as: UTF8.self)
        return f.quoted ? raw.replacingOccurrences(of: "\"\"", with: "\"") : raw
    }

    private static func split(_ b: [UInt8], file: String) throws(AnalyzeError) -> Records {
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
                        throw AnalyzeError(file: file, line: startLine, column: column, "unterminated quoted field (the quote opened here is never closed)")
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
                    throw AnalyzeError(file: file, line: line, column: i - lineStart + 1, "expected ',' or end of line after a closing quote")
                }
            } else {
                let start = i
                while i < n && b[i] != comma && b[i] != lf && b[i] != cr {
                    if b[i] == quote {
                        throw AnalyzeError(file: file, line: line, column: i - lineStart + 1, "a quote inside an unquoted field (quote the whole field and double the quote)")
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
