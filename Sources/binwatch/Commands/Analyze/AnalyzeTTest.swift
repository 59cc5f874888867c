import ArgumentParser
import Statistics

extension Binwatch.Analyze {
    /// `binwatch analyze ttest --input F --a C --b C`.
    struct TTest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ttest",
            abstract: "Welch's t-test (t, Welch–Satterthwaite df, two-sided p) and Cohen's d of two samples.",
            discussion: "The samples may differ in size: a column ends at its last non-empty cell.")

        @OptionGroup var source: AnalyzeInput
        @Option(help: "Sample A (e.g. control).") var a: String
        @Option(help: "Sample B (e.g. treatment).") var b: String

        func run() async throws {
            try Binwatch.Analyze.report(input: source.input) {
                let columns = try CSVColumns(CSVTable(path: source.input))
                let av = try Binwatch.Analyze.column(columns, a, minimum: 2), bv = try Binwatch.Analyze.column(columns, b, minimum: 2)
                let w = try WelchTTest(av, bv)
                return .object([
                    ("a", .string(a)), ("b", .string(b)), ("n_a", .integer(w.nA)), ("n_b", .integer(w.nB)),
                    ("mean_a", .number(w.meanA)), ("mean_b", .number(w.meanB)),
                    ("t", .number(w.t)), ("df", .number(w.df)), ("p_value", .number(w.pValue)),
                    ("cohens_d", .number(try EffectSize.cohensD(av, bv))),
                ])
            }
        }
    }
}
