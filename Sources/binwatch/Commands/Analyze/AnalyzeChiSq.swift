import ArgumentParser
import Statistics

extension Binwatch.Analyze {
    /// `binwatch analyze chisq --input F [--no-correction]`: the CSV is the contingency table.
    struct ChiSq: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "chisq",
            abstract: "Chi-square test of independence on the r × c table in the CSV (Yates' correction for 2 × 2).",
            discussion: """
                The first row is a header of column labels when any cell after its first is not a \
                number; the first column holds row labels when none of its data cells is a number. \
                Every other cell is a count ≥ 0.
                """)

        @OptionGroup var source: AnalyzeInput
        @Flag(help: "Do not apply Yates' continuity correction to a 2 × 2 table.") var noCorrection = false

        func run() async throws {
            try Binwatch.Analyze.report(input: source.input) {
                let table = try CSVTable(path: source.input)
                let observed = try ContingencyTable(table).counts
                let r = try ChiSquareTest(observed, correction: !noCorrection)
                return .object([
                    ("rows", .integer(observed.count)), ("columns", .integer(observed.first?.count ?? 0)),
                    ("chi2", .number(r.chi2)), ("dof", .integer(r.dof)), ("p_value", .number(r.pValue)),
                    ("correction", .bool(r.corrected)),
                    ("expected", .array(r.expected.map { .array($0.map(AnalysisJSON.number)) })),
                ])
            }
        }
    }
}

/// The counts of a contingency table CSV, with an optional header row and row-label column.
struct ContingencyTable {
    var counts: [[Double]]

    init(_ table: CSVTable) throws(AnalyzeError) {
        var records = Array(table.records)
        guard !records.isEmpty else { throw AnalyzeError(file: table.file, "the file is empty (expected a table of counts)") }
        let isNumber = { (f: CSVTable.Field) -> Bool in
            if case .success = NumberCell.parse(table.text(f)) { return true } else { return false }
        }
        // A header has a non-number past the first cell (the first may be a row label: "FFD,25,140").
        let hasHeader = records[0].count == 1 ? !isNumber(records[0][0]) : !records[0].dropFirst().allSatisfy(isNumber)
        let width = records[0].count
        if hasHeader { records.removeFirst() }
        guard !records.isEmpty else { throw AnalyzeError(file: table.file, "the table has a header but no rows of counts") }
        for record in records where record.count != width {
            throw AnalyzeError(file: table.file, line: record[0].line, column: record[0].column,
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
                        throw AnalyzeError(file: table.file, line: field.line, column: field.column,
                                           "column \"\(name)\", row \(r + 1): a count cannot be negative (\(text))")
                    }
                    row.append(v)
                case .failure(let why):
                    throw AnalyzeError(file: table.file, line: field.line, column: field.column,
                                       "column \"\(name)\", row \(r + 1): \(why.describe(text))")
                }
            }
            counts.append(row)
        }
        guard counts[0].count >= 1 else { throw AnalyzeError(file: table.file, "the table has no columns of counts") }
        self.counts = counts
    }
}
