import ArgumentParser
import Statistics

extension Binwatch.Analyze {
    /// `binwatch analyze describe --input F --column C`.
    struct Describe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "n, mean, median, variance/stddev (n − 1), min, max, p25…p99 (linear), 95% CI of the mean.")

        @OptionGroup var source: AnalyzeInput
        @Option(help: "The column to describe.") var column: String

        func run() async throws {
            try Binwatch.Analyze.report(input: source.input) {
                let values = try Binwatch.Analyze.column(CSVColumns(CSVTable(path: source.input)), column, minimum: 2)
                let d = try Descriptive(values)
                var fields: [(String, AnalysisJSON)] = [
                    ("column", .string(column)), ("n", .integer(d.n)), ("mean", .number(d.mean)),
                    ("median", .number(d.median)), ("stddev", .number(d.standardDeviation)),
                    ("variance", .number(d.variance)), ("min", .number(d.min)), ("max", .number(d.max)),
                ]
                for q in Descriptive.reportedPercentiles {
                    fields.append(("p\(Int(q))", .optional(d.percentiles[q])))
                }
                fields += [("ci95_low", .number(d.ci95.low)), ("ci95_high", .number(d.ci95.high))]
                return .object(fields)
            }
        }
    }
}
