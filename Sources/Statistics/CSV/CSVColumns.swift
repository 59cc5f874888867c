import Foundation

/// Named numeric columns of a `CSVTable` whose first record is a header.
public struct CSVColumns: Sendable {
    /// The table read.
    public let table: CSVTable
    /// The column names (the first record's fields).
    public let header: [String]

    /// - Throws: `CSVInputError` for an empty file or a record whose field count differs from the header's.
    public init(_ table: CSVTable) throws(CSVInputError) {
        guard let first = table.records.first else { throw CSVInputError(file: table.file, "the file is empty (expected a header row and data rows)") }
        self.table = table
        header = first.map(table.text)
        for record in table.records.dropFirst() where record.count != header.count {
            throw CSVInputError(file: table.file, line: record[0].line, column: record[0].column,
                               "this row has \(record.count) fields, the header has \(header.count)")
        }
    }

    /// The values of column `name`, one per data row. A column may end early (shorter samples in
    /// one file): empty cells after its last value are not values. An empty cell before a value is
    /// an error, as is any cell that is not a finite decimal number.
    /// - Throws: `CSVInputError` naming the column for a missing or ambiguous column, and the cell's
    ///   `line:col`, data row and column for a bad value.
    public func values(of name: String) throws(CSVInputError) -> [Double] {
        var matches = header.indices.filter { header[$0] == name }
        if matches.isEmpty {
            // Tolerate blanks around header names ("a, b"), which spreadsheets and hand edits leave.
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            matches = header.indices.filter { header[$0].trimmingCharacters(in: .whitespaces) == trimmed }
        }
        guard let index = matches.first else {
            throw CSVInputError(file: table.file, line: 1, "no column named \"\(name)\" (columns: \(header.map { "\"\($0)\"" }.joined(separator: ", ")))")
        }
        guard matches.count == 1 else {
            throw CSVInputError(file: table.file, line: 1, "\(matches.count) columns are named \"\(name)\"; rename one")
        }
        let rows = table.records.dropFirst()
        var lastFilled = rows.startIndex - 1
        for r in rows.indices where !isEmpty(rows[r][index]) { lastFilled = r }
        var out: [Double] = []
        out.reserveCapacity(rows.count)
        for r in rows.indices where r <= lastFilled {
            out.append(try number(rows[r][index], column: name, row: r))
        }
        return out
    }

    private func isEmpty(_ f: CSVTable.Field) -> Bool {
        table.bytes[f.start..<f.end].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// Parses a cell of data row `row` (1-based).
    public func number(_ f: CSVTable.Field, column: String, row: Int) throws(CSVInputError) -> Double {
        // Quoted cells may hold "" escapes, so they go through their text; plain cells are read in place.
        let parsed = f.quoted
            ? NumberCell.parse(table.text(f))
            : table.bytes.withUnsafeBufferPointer { buf in
                guard let base = buf.baseAddress else { return .failure(.empty) }
                return NumberCell.parse(base, f.start, f.end)
            }
        switch parsed {
        case .success(let v): return v
        case .failure(let why):
            throw CSVInputError(file: table.file, line: f.line, column: f.column, "column \"\(column)\", row \(row): \(why.describe(table.text(f)))")
        }
    }
}
