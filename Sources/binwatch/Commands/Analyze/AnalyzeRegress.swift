import ArgumentParser
import Statistics

extension Binwatch.Analyze {
    /// `binwatch analyze regress --input F (--x C --y C | --column C) [--lower-is-better]`.
    struct Regress: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Least-squares line with R², slope p-value and trend (IMPROVING/DECLINING/STABLE at p < 0.05).")

        @OptionGroup var source: AnalyzeInput
        @Option(help: "Predictor column.") var x: String?
        @Option(help: "Response column.") var y: String?
        @Option(help: "Regress this column on its row order (0, 1, 2, …): a metric's trend over time.") var column: String?
        @Flag(help: "Lower values of the metric are better (default: higher is better).") var lowerIsBetter = false
        @Option(help: "Whether higher values of the metric are better: true (default) or false.") var higherIsBetter: Bool?

        func validate() throws {
            switch (x, y, column) {
            case (.some, .some, nil), (nil, nil, .some): break
            default: throw ValidationError("give either --x and --y, or --column")
            }
            if lowerIsBetter && higherIsBetter == true {
                throw ValidationError("--lower-is-better contradicts --higher-is-better true")
            }
        }

        /// The metric's direction from either spelling of the setting.
        var higherBetter: Bool { !lowerIsBetter && higherIsBetter != false }

        func run() async throws {
            try Binwatch.Analyze.report(input: source.input) {
                let columns = try CSVColumns(CSVTable(path: source.input))
                let xs: [Double], ys: [Double]
                if let column {
                    ys = try Binwatch.Analyze.column(columns, column, minimum: 2)
                    xs = ys.indices.map(Double.init)
                } else {
                    (xs, ys) = try Binwatch.Analyze.pairs(columns, x ?? "", y ?? "")
                }
                let r = try Regression(x: xs, y: ys)
                return .object([
                    ("x", column == nil ? .string(x ?? "") : .string("row index")), ("y", .string(column ?? y ?? "")),
                    ("n", .integer(r.n)), ("slope", .number(r.slope)), ("intercept", .number(r.intercept)),
                    ("r_squared", .optional(r.rSquared)), ("p_value", .optional(r.pValue)),
                    ("trend", .string(r.trend(higherIsBetter: higherBetter).rawValue)),
                    ("higher_is_better", .bool(higherBetter)),
                ])
            }
        }
    }
}
