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
