import ArgumentParser
import Exposition
import Foundation
import Model

extension Binwatch {
    /// `binwatch debug exposition-bench --series N [--write FILE] [--parse FILE]`: times the
    /// encoder on N generated series and the parser on a file, printing ns per series.
    struct DebugExpositionBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "exposition-bench", abstract: "Time the exposition encoder and parser.", shouldDisplay: false)

        @Option var series = 100_000
        @Option(help: "Write the generated exposition here.") var write: String?
        @Option(help: "Parse this file (repeatedly) and report ns per line.") var parse: String?
        @Option var repeats = 5

        func run() async throws {
            let families = Self.generate(series: series)
            let clock = ContinuousClock()
            var best = Duration.seconds(1_000)
            var bytes: [UInt8] = []
            for _ in 0..<repeats {
                let elapsed = try clock.measure { bytes = try TextEncoder().encodeBytes(families) }
                best = min(best, elapsed)
            }
            print("encode: \(series) series, \(bytes.count) bytes, best \(Self.ms(best)) ms, \(Self.ns(best, series)) ns/series")
            if let write { try Data(bytes).write(to: URL(fileURLWithPath: write)) }
            if let parse {
                let input = Array(try Data(contentsOf: URL(fileURLWithPath: parse)))
                let lines = input.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
                var bestParse = Duration.seconds(1_000)
                var count = 0
                for _ in 0..<repeats {
                    let elapsed = try clock.measure {
                        count = try TextParser(fileName: parse).parse(input).reduce(0) { $0 + $1.samples.count }
                    }
                    bestParse = min(bestParse, elapsed)
                }
                print("parse: \(lines) lines, \(count) samples, best \(Self.ms(bestParse)) ms, \(Self.ns(bestParse, count)) ns/series")
            }
        }

        /// Series shaped like binwatch's own output: 100 families, 4 labels each, mixed values.
        static func generate(series: Int) -> [MetricFamily] {
            let familyCount = 100
            return (0..<familyCount).map { f in
                let name = "wms_bin_utilization_metric_\(f)"
                let samples = stride(from: f, to: series, by: familyCount).map { (i: Int) -> MetricSample in
                    let algorithm = i % 2 == 0 ? "HYBRID" : "FFD"
                    let labels: [String: String] = ["facility": "dc\(i % 7)", "zone": "zone-\(i % 31)", "bin": "B\(i)", "algorithm": algorithm]
                    let value: Double = i % 3 == 0 ? Double(i) : Double(i) / 7.0
                    return MetricSample(name: name, labels: Labels(labels), value: value)
                }
                return MetricFamily(name: name, help: "Generated family \(f) for the exposition benchmark.", type: .gauge, samples: samples)
            }
        }

        static func ms(_ d: Duration) -> String { String(format: "%.2f", Double(d.components.attoseconds) / 1e15 + Double(d.components.seconds) * 1e3) }
        static func ns(_ d: Duration, _ n: Int) -> String {
            String(format: "%.0f", (Double(d.components.seconds) * 1e9 + Double(d.components.attoseconds) / 1e9) / Double(max(n, 1)))
        }
    }
}
