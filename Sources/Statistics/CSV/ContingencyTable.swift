/// The counts of a contingency table CSV, with an optional header row and row-label column.
public struct ContingencyTable: Sendable {
    /// The counts, one row per data record (labels removed).
    public var counts: [[Double]]

    /// Reads the counts: a header row when any cell after its first is not a number; a
    /// row-label column when none of its data cells is a number; every other cell a count ≥ 0.
    /// - Throws: `CSVInputError` at the first ragged row or bad cell.
    public init(_ table: CSVTable) throws(CSVInputError) {
        var records = Array(table.records)
        guard !records.isEmpty else { throw CSVInputError(file: table.file, "the file is empty (expected a table of counts)") }
        let isNumber = { (f: CSVTable.Field) -> Bool in
            if case .success = NumberCell.parse(table.text(f)) { return true } else { return false }
        }
        // A header has a non-number past the first cell (the first may be a row label: "FFD,25,140").
        let hasHeader = records[0].count == 1 ? !isNumber(records[0][0]) : !records[0].dropFirst().allSatisfy(isNumber)
        let width = records[0].count
        if hasHeader { records.removeFirst() }
        guard !records.isEmpty else { throw CSVInputError(file: table.file, "the table has a header but no rows of counts") }
        for record in records where record.count != width {
            throw CSVInputError(file: table.file, line: record[0].line, column: record[0].column,
                               "this row has \(record.count) fields, the first row has \(width)")
        }
        let hasLabels = width > 1 && records.allSatisfy { !isNumber($0[0]) }
        let header = hasHeader ? table.records[0].map(table.text) : []
        var counts: [[Double]] = []
        for (r, record) in records.enumerated() {
            var row: [Double] = []
            for (c, field) in record.enumerated() where !(hasLabels && c == 0) {
                let name = c < header.count ? header[c] : "\(c + 1)"
                let text = table.text(field)
                switch NumberCell.parse(text) {
                case .success(let v):
                    guard v >= 0 else {
                        throw CSVInputError(file: table.file, line: field.line, column: field.column,
                                           "column \"\(name)\", row \(r + 1): a count cannot be negative (\(text))")
                    }
                    row.append(v)
                case .failure(let why):
                    throw CSVInputError(file: table.file, line: field.line, column: field.column,
                                       "column \"\(name)\", row \(r + 1): \(why.describe(text))")
                }
            }
            counts.append(row)
        }
        guard counts[0].count >= 1 else { throw CSVInputError(file: table.file, "the table has no columns of counts") }
        self.counts = counts
    }
}
