/// Named numeric columns of a `CSVTable` whose first record is a header.
struct CSVColumns {
    let table: CSVTable
    let header: [String]

    /// - Throws: `AnalyzeError` for an empty file or a record whose field count differs from the header's.
    init(_ table: CSVTable) throws(AnalyzeError) {
        guard let first = table.records.first else { throw AnalyzeError(file: table.file, "the file is empty (expected a header row and data rows)") }
        self.table = table
        header = first.map(table.text)
        for record in table.records.dropFirst() where record.count != header.count {
            throw AnalyzeError(file: table.file, line: record[0].line, column: record[0].column,
                               "this row has \(record.count) fields, the header has \(header.count)")
        }
    }

    /// The values of column `name`, one per data row. A column may end early (shorter samples in
    /// one file): empty cells after its last value are not values. An empty cell before a value is
    /// an error, as is any cell that is not a finite decimal number.
    /// - Throws: `AnalyzeError` naming the column for a missing or ambiguous column, and the cell's
    ///   `line:col`, data row and column for a bad value.
    func values(of name: String) throws(AnalyzeError) -> [Double] {
        let matches = header.indices.filter { header[$0] == name }
        guard let index = matches.first else {
            throw AnalyzeError(file: table.file, line: 1, "no column named \"\(name)\" (columns: \(header.map { "\"\($0)\"" }.joined(separator: ", ")))")
        }
        guard matches.count == 1 else {
            throw AnalyzeError(file: table.file, line: 1, "\(matches.count) columns are named \"\(name)\"; rename one")
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
    func number(_ f: CSVTable.Field, column: String, row: Int) throws(AnalyzeError) -> Double {
        let text = table.text(f)
        switch NumberCell.parse(text) {
        case .success(let v): return v
        case .failure(let why):
            throw AnalyzeError(file: table.file, line: f.line, column: f.column, "column \"\(column)\", row \(row): \(why.describe(text))")
        }
    }
}

/// The one numeric cell syntax accepted: an optionally signed decimal with optional fraction and
/// exponent (what Python's float() and PostgreSQL's numeric text share), surrounding blanks allowed.
enum NumberCell {
    enum Problem: Error {
        case empty, notANumber, nonFinite, outOfRange

        func describe(_ text: String) -> String {
            switch self {
            case .empty: return "the cell is empty (expected a number)"
            case .notANumber: return "\"\(text)\" is not a number"
            case .nonFinite: return "\"\(text)\": NaN and infinity are not accepted"
            case .outOfRange: return "\"\(text)\" is too large for a double"
            }
        }
    }

    static func parse(_ raw: String) -> Result<Double, Problem> {
        let text = raw.trimmingBlanks
        if text.isEmpty { return .failure(.empty) }
        let lowered = text.lowercased().trimmingSign
        if ["nan", "inf", "infinity"].contains(lowered) { return .failure(.nonFinite) }
        guard isDecimal(text.utf8), let v = Double(text) else { return .failure(.notANumber) }
        return v.isFinite ? .success(v) : .failure(.outOfRange)
    }

    private static func isDecimal(_ s: String.UTF8View) -> Bool {
        var it = Array(s)[...]
        func digits() -> Int { var k = 0; while let c = it.first, c >= 48, c <= 57 { it.removeFirst(); k += 1 }; return k }
        if let c = it.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { it.removeFirst() }
        var mantissa = digits()
        if it.first == UInt8(ascii: ".") { it.removeFirst(); mantissa += digits() }
        guard mantissa > 0 else { return false }
        if let c = it.first, c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            it.removeFirst()
            if let c = it.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { it.removeFirst() }
            guard digits() > 0 else { return false }
        }
        return it.isEmpty
    }
}

extension String {
    fileprivate var trimmingBlanks: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }

    fileprivate var trimmingSign: String {
        first == "+" || first == "-" ? String(dropFirst()) : self
    }
}
