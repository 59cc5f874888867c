import ArgumentParser
import Daemon
import Foundation
import Logging
import Model

extension Binwatch {
    /// `binwatch debug daemon-bench --config FILE --cycles N`: N full daemon cycles (gather
    /// every source, evaluate every group, judge health, write textfile and state) back to
    /// back, the evaluation time stepped by the config's interval; prints p50/p95/max cycle
    /// time and RSS (Benchmarks/daemon/run.sh).
    struct DebugDaemonBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "daemon-bench", abstract: "Time full daemon cycles on a config.", shouldDisplay: false)

        @Option var config: String
        @Option var cycles = 1000
        @Option(help: "Cycles run before measuring (connections, first queries).") var warmup = 5

        func run() async throws {
            LoggingSystem.bootstrap { label in StreamLogHandler.standardError(label: label) }
            var logger = Logger(label: "binwatch")
            logger.logLevel = .error
            let loaded: LoadedConfig
            do {
                loaded = try ConfigLoader().load(path: config)
            } catch {
                FileHandle.standardError.write(Data("binwatch: configuration rejected:\n\(error)\n".utf8))
                throw ExitCode(1)
            }
            let scheduler = Scheduler(loaded, logger: logger)
            await scheduler.openState()
            let interval = loaded.config.global.evaluationInterval
            var time = SystemClock().now()
            let clock = ContinuousClock()
            var seconds: [Double] = []
            var rssAfterWarmup = 0
            for cycle in 0..<(warmup + cycles) {
                let started = clock.now
                await scheduler.runOnce(at: time)
                let elapsed = clock.now - started
                if cycle >= warmup {
                    seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
                }
                if cycle == warmup { rssAfterWarmup = Self.status("VmRSS") }
                time = time + interval
            }
            seconds.sort()
            func quantile(_ q: Double) -> Double { seconds[min(seconds.count - 1, Int((Double(seconds.count - 1) * q).rounded()))] }
            let health = await scheduler.currentHealth()
            print(String(
                format: "cycles %d (after %d warm-up), groups evaluated every cycle; cycle time p50 %.1f ms, p95 %.1f ms, max %.1f ms",
                seconds.count, warmup, quantile(0.5) * 1e3, quantile(0.95) * 1e3, (seconds.last ?? 0) * 1e3))
            let alerts = await scheduler.activeAlerts().count
            print(String(
                format: "RSS after warm-up %.1f MiB, at the end %.1f MiB, peak (VmHWM) %.1f MiB; alerts active %d",
                Double(rssAfterWarmup) / 1024, Double(Self.status("VmRSS")) / 1024, Double(Self.status("VmHWM")) / 1024,
                alerts) + "; health \(health?.status.name ?? "none")")
        }

        /// A `kB` field of /proc/self/status (0 when unreadable).
        static func status(_ field: String) -> Int {
            guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
            for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
                return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
            }
            return 0
        }
    }
}
