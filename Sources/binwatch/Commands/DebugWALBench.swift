import ArgumentParser
import Collectors
import Daemon
import Exposition
import Foundation
import Logging
import Model

extension Binwatch {
    /// `binwatch debug wal-bench fill|replay --dir D --series N`: the series-history benchmark
    /// (Benchmarks/wal/run.sh). `fill` runs the real daemon path (a scheduler gathering N series
    /// a cycle, 15 s apart, for `--minutes`, into the WAL beside `D/state.sqlite`); `replay`
    /// times what a start-up does, the WAL's replay into a new store, and prints the figures.
    struct DebugWALBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "wal-bench", abstract: "Fill a WAL through the daemon, or time its replay.", shouldDisplay: false)

        @Argument(help: "fill or replay") var phase: String
        @Option var dir: String
        @Option var series = 10_000
        @Option var minutes = 60
        @Option(help: "The time of the first sample (Unix ms); the fill's and Prometheus's samples share it.")
        var start: Int64 = 0

        /// N gauge series whose values depend only on the series and the time.
        struct BenchSource: Source {
            let name = "bench"
            let series: Int
            let start: Int64
            func collect(at timestamp: Timestamp) async throws -> [MetricFamily] {
                let step = Double((timestamp.milliseconds - start) / 15_000)
                var samples: [MetricSample] = []
                samples.reserveCapacity(series)
                for i in 0..<series {
                    samples.append(MetricSample(
                        name: "bench_value", labels: Labels(["instance": "host-\(i / 100)", "series": String(i)]),
                        value: step * Double(i % 7 + 1)))
                }
                return [MetricFamily(name: "bench_value", type: .gauge, samples: samples)]
            }
        }

        func run() async throws {
            var logger = Logger(label: "binwatch")
            logger.logLevel = phase == "replay" ? .info : .error
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            // A rule reading 1h keeps the store's retention above the fill; no checkpoint in the hour,
            // as Prometheus's head keeps its WAL for the same hour.
            try """
                groups:
                  - name: retention
                    rules:
                      - record: bench:retention
                        expr: absent_over_time(nothing_is_called_this[1h])
                """.write(toFile: dir + "/rules.yml", atomically: true, encoding: .utf8)
            try """
                global: {evaluation_interval: 15s}
                rule_files: [\(dir)/rules.yml]
                state: {path: \(dir)/state.sqlite}
                storage: {checkpoint_interval: 2h}
                """.write(toFile: dir + "/binwatch.yml", atomically: true, encoding: .utf8)
            let loaded = try ConfigLoader().load(path: dir + "/binwatch.yml")
            let source = BenchSource(series: series, start: start)
            let clock = ContinuousClock()
            switch phase {
            case "fill":
                let steps = minutes * 4
                let scheduler = Scheduler(loaded, extraSources: [source], clock: SystemClock(), logger: logger)
                await scheduler.openState()
                let started = clock.now
                for step in 0..<steps {
                    await scheduler.runOnce(at: Timestamp(milliseconds: start + Int64(step) * 15_000))
                }
                print("filled \(steps) cycles of \(series) series in \(clock.now - started)")
            case "replay":
                let started = clock.now
                let scheduler = Scheduler(loaded, extraSources: [source], logger: logger)
                await scheduler.openState()
                let elapsed = clock.now - started
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                let text = await scheduler.metricsText()
                print(String(format: "replay_seconds %.3f", seconds))
                print("rss_mib \(Double(ProcessStatus.kilobytes("VmHWM")) / 1024)")
                for line in text.split(separator: "\n") where line.hasPrefix("binwatch_tsdb_wal_storage_size_bytes ") {
                    print(line)
                }
            default:
                throw ValidationError("phase is fill or replay")
            }
        }
    }
}
