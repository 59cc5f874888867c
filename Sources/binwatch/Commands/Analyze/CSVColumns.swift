import Foundation

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
        var matches = header.indices.filter { header[$0] == name }
        if matches.isEmpty {
            // Tolerate blanks around header names ("a, b"), which spreadsheets and hand edits leave.
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            matches = header.indices.filter { header[$0].trimmingCharacters(in: .whitespaces) == trimmed }
        }
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
            throw AnalyzeError(file: table.file, line: f.line, column: f.column, "column \"\(column)\", row \(row): \(why.describe(table.text(f)))")
        }
    }
}

/// The one numeric cell syntax accepted: an optionally signed decimal with optional fraction and
/// exponent (what Python's float() and PostgreSQL's numeric text share), surrounding blanks allowed.
/// Parsed from the file's bytes in place: a million-row file must not cost a String per cell.
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

    static func parse(_ text: String) -> Result<Double, Problem> {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return .failure(.empty) }
            return parse(base, 0, buf.count)
        }
    }

    /// Parses bytes `start..<end` of `p`. Plain pointer arithmetic rather than slices: in a debug
    /// build generic slice subscripts cost a metadata lookup per byte.
    static func parse(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Result<Double, Problem> {
        var lo = start, hi = end
        while lo < hi && (p[lo] == 0x20 || p[lo] == 0x09) { lo += 1 }
        while hi > lo && (p[hi - 1] == 0x20 || p[hi - 1] == 0x09) { hi -= 1 }
        if lo == hi { return .failure(.empty) }
        guard isDecimal(p, lo, hi) else {
            var first = lo
            if p[first] == 0x2B || p[first] == 0x2D { first += 1 }
            let word = String(decoding: UnsafeBufferPointer(start: p + first, count: hi - first), as: UTF8.self).lowercased()
            return .failure(["nan", "inf", "infinity"].contains(word) ? .nonFinite : .notANumber)
        }
        // The grammar is checked, so strtod reads exactly these bytes (correctly rounded).
        let count = hi - lo
        let v: Double = withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buf in
            // A temporary allocation of count + 1 ≥ 1 elements always has a base address.
            guard let out = buf.baseAddress else { return .nan }
            UnsafeMutableRawPointer(out).copyMemory(from: p + lo, byteCount: count)
            out[count] = 0
            return strtod(out, nil)
        }
        return v.isFinite ? .success(v) : .failure(.outOfRange)
    }

    private static func isDecimal(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        var mantissa = 0
        if i < end && (p[i] == 0x2B || p[i] == 0x2D) { i += 1 }
        while i < end && p[i] >= 0x30 && p[i] <= 0x39 { i += 1; mantissa += 1 }
        if i < end && p[i] == 0x2E {
            i += 1
            while i < end && p[i] >= 0x30 && p[i] <= 0x39 { i += 1; mantissa += 1 }
        }
        guard mantissa > 0 else { return false }
        if i < end && (p[i] == 0x65 || p[i] == 0x45) {
            i += 1
            if i < end && (p[i] == 0x2B || p[i] == 0x2D) { i += 1 }
            let digitsStart = i
            while i < end && p[i] >= 0x30 && p[i] <= 0x39 { i += 1 }
            guard i > digitsStart else { return false }
        }
        return i == end
    }
}
