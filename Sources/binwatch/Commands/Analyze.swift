import ArgumentParser
import Foundation
import Statistics

extension Binwatch {
    /// `binwatch analyze …`: the Statistics module over a CSV file, printing JSON.
    struct Analyze: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Statistics over a CSV file (first row = column names), printed as JSON.",
            discussion: """
                Numbers follow numpy/scipy: linear-interpolation percentiles, sample (n − 1) variance, \
                Student-t intervals and p-values. Bad input (missing column, too few values, a cell \
                that is not a finite number) exits 1 with file:line:col and the cell's row and column.
                """,
            subcommands: [Describe.self, Outliers.self, Correlate.self, Regress.self, TTest.self, ChiSq.self])
    }
}

/// The option every analysis takes.
struct AnalyzeInput: ParsableArguments {
    @Option(name: .long, help: "The CSV file to read.")
    var input: String
}

extension Binwatch.Analyze {
    /// Runs `body`, prints its JSON on stdout, or prints the error on stderr and exits 1.
    static func report(input: String, _ body: () throws -> AnalysisJSON) throws {
        do {
            print(try body().render())
        } catch let error as CSVInputError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        } catch let error as StatisticsError {
            FileHandle.standardError.write(Data("error: \(input): \(error)\n".utf8))
            throw ExitCode.failure
        }
    }

    /// Reads `name` from `columns`, requiring at least `minimum` values.
    static func column(_ columns: CSVColumns, _ name: String, minimum: Int) throws -> [Double] {
        let values = try columns.values(of: name)
        guard values.count >= minimum else {
            throw CSVInputError(file: columns.table.file, "too few values in column \"\(name)\": need at least \(minimum), got \(values.count)")
        }
        return values
    }
}
