import ArgumentParser
import Exposition
import Foundation

extension Binwatch {
    /// `binwatch check metrics [--textfile] [FILE]`: validates an exposition, as
    /// `promtool check metrics` does, but strictly (see `TextParser`).
    struct CheckMetrics: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "metrics",
            abstract: "Validate a Prometheus text exposition (0.0.4, or OpenMetrics).",
            discussion: """
                Exits 0 when the input is valid, 1 with one error per line (FILE:line:col: message) when not.
                Besides the format's syntax it rejects what makes Prometheus or node_exporter lose data:
                duplicate series, split families, HELP/TYPE repeated or after samples, histogram buckets
                without le or without a +Inf bucket.
                """)

        @Flag(help: "Also apply node_exporter's textfile collector rules (no client-side timestamps, no __ label names).")
        var textfile = false

        @Flag(help: "Read OpenMetrics 1.0 text (# EOF required) instead of text format 0.0.4.")
        var openmetrics = false

        @Argument(help: "The file to check; standard input when omitted.")
        var file: String?

        func run() async throws {
            let name = file ?? "<stdin>"
            let bytes: [UInt8]
            do {
                if let file {
                    bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
                } else {
                    bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
                }
            } catch {
                FileHandle.standardError.write(Data("\(name): cannot read: \(error.localizedDescription)\n".utf8))
                throw ExitCode.failure
            }
            let parser = TextParser(format: openmetrics ? .openMetrics : .prometheusText, fileName: name, textfile: textfile)
            do {
                _ = try parser.parse(bytes)
            } catch {
                FileHandle.standardError.write(Data((error.description + "\n").utf8))
                throw ExitCode.failure
            }
        }
    }
}
