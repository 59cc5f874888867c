import ArgumentParser
import Statistics

extension Binwatch.Analyze {
    /// `binwatch analyze correlate --input F --x C --y C`.
    struct Correlate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pearson r and Spearman rho (average ranks for ties), each with its two-sided p-value.")

        @OptionGroup var source: AnalyzeInput
        @Option(help: "First column.") var x: String
        @Option(help: "Second column.") var y: String

        func run() async throws {
            try Binwatch.Analyze.report(input: source.input) {
                let columns = try CSVColumns(CSVTable(path: source.input))
                let (xs, ys) = try Binwatch.Analyze.pairs(columns, x, y)
                let p = try Correlation.pearson(xs, ys), s = try Correlation.spearman(xs, ys)
                return .object([
                    ("x", .string(x)), ("y", .string(y)), ("n", .integer(xs.count)),
                    ("pearson_r", .number(p.coefficient)), ("pearson_p", .optional(p.pValue)),
                    ("spearman_rho", .number(s.coefficient)), ("spearman_p", .optional(s.pValue)),
                ])
            }
        }
    }

    /// Two columns of equal length, at least 2 pairs.
    static func pairs(_ columns: CSVColumns, _ x: String, _ y: String) throws -> ([Double], [Double]) {
        let xs = try column(columns, x, minimum: 2), ys = try column(columns, y, minimum: 2)
        guard xs.count == ys.count else {
            throw CSVInputError(file: columns.table.file, "columns \"\(x)\" and \"\(y)\" must be paired: \(xs.count) values against \(ys.count)")
        }
        return (xs, ys)
    }
}
