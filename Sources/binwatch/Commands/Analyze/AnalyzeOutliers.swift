import ArgumentParser
import Statistics

extension Binwatch.Analyze {
    /// `binwatch analyze outliers --input F --column C [--method iqr|zscore|modified-zscore]`.
    struct Outliers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Outliers by IQR fences, z-score (> 3) or modified z-score (> 3.5), each with score and severity.",
            discussion: """
                index is the 0-based position among the column's values, row the 1-based data row. \
                score: IQRs beyond the nearer quartile (iqr), |x − mean|/s (zscore), \
                0.6745·|x − median|/MAD (modified-zscore). Severity bands: iqr MILD > 1.5, MODERATE > 2.25, \
                SEVERE > 3, EXTREME > 4.5; zscore MODERATE > 3, SEVERE > 3.5, EXTREME > 4; \
                modified-zscore MODERATE > 3.5, SEVERE > 4, EXTREME > 4.5.
                """)

        @OptionGroup var source: AnalyzeInput
        @Option(help: "The column to scan.") var column: String
        @Option(help: "iqr, zscore or modified-zscore.") var method = "iqr"

        func validate() throws {
            guard OutlierMethod(rawValue: method) != nil else {
                throw ValidationError("--method must be one of \(OutlierMethod.allCases.map(\.rawValue).joined(separator: ", ")) (got \"\(method)\")")
            }
        }

        func run() async throws {
            try Binwatch.Analyze.report(input: source.input) {
                let values = try Binwatch.Analyze.column(CSVColumns(CSVTable(path: source.input)), column, minimum: 2)
                let r = try OutlierReport(values, method: OutlierMethod(rawValue: method) ?? .iqr)
                return .object([
                    ("column", .string(column)), ("method", .string(r.method.rawValue)), ("n", .integer(r.n)),
                    ("lower_fence", .number(r.lowerFence)), ("upper_fence", .number(r.upperFence)),
                    ("count", .integer(r.outliers.count)), ("critical_count", .integer(r.criticalCount)),
                    ("outliers", .array(r.outliers.map { o in
                        .object([
                            ("index", .integer(o.index)), ("row", .integer(o.index + 1)), ("value", .number(o.value)),
                            ("score", .number(o.score)), ("severity", .string(o.severity.rawValue)),
                        ])
                    })),
                ])
            }
        }
    }
}
