import ArgumentParser
import Daemon
import Exposition
import Foundation
#if canImport(Glibc)
    import Glibc
#endif
import Logging
import Model
import Notify
import Synchronization

extension Binwatch {
    /// `binwatch debug daemon-bench --config FILE --cycles N`: N full daemon cycles (gather
    /// every source, evaluate every group, judge health, write textfile and state, and with
    /// `--notify` flush the notification dispatcher and wait for its deliveries) back to
    /// back, the evaluation time stepped by the config's interval; prints p50/p95/max cycle
    /// time and RSS (Benchmarks/daemon/run.sh).
    struct DebugDaemonBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "daemon-bench", abstract: "Time full daemon cycles on a config.", shouldDisplay: false)

        @Option var config: String
        @Option var cycles = 1000
        @Option(help: "Cycles run before measuring (connections, first queries).") var warmup = 5
        @Flag(help: "Run the config's alerting: pipeline on the stepped time (its receivers must answer).")
        var notify = false
        @Option(help: "Print RSS every this many cycles (0: never).") var rssEvery = 0
        @Option(help: "Write the figures here as JSON.") var json: String?
        @Flag(help: "Run without the series WAL (the comparison run of Benchmarks/daemon/run.sh).") var noHistory = false

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
            if noHistory { await scheduler.disableHistory() }
            let interval = loaded.config.global.evaluationInterval
            var time = SystemClock().now()
            // Notify runs on the benchmark's evaluation time, so group_wait, group_interval and
            // repeat_interval pass as they would over the hours the cycles stand for.
            let notifyClock = SteppedNotifyClock(start: time)
            var pipeline: NotificationPipeline?
            if notify {
                pipeline = await scheduler.connectNotifications(clock: notifyClock)
                if pipeline == nil { FileHandle.standardError.write(Data("binwatch: --notify without alerting:\n".utf8)) }
                await pipeline?.service.delivery.resume()
            }
            let clock = ContinuousClock()
            var seconds: [Double] = []
            var rssAfterWarmup = 0
            var rssTrace: [(cycle: Int, kib: Int, detail: String)] = []
            var lastCollect = time
            for cycle in 0..<(warmup + cycles) {
                notifyClock.set(time)
                let started = clock.now
                await scheduler.runOnce(at: time)
                if let pipeline {
                    _ = await pipeline.service.dispatcher.flushDue(at: time)
                    await pipeline.service.delivery.waitUntilIdle()
                    // The pipeline's once-a-minute cleanup, on evaluation time.
                    if time - lastCollect >= PromDuration(seconds: 60) {
                        pipeline.garbageCollect(at: time)
                        lastCollect = time
                    }
                }
                let elapsed = clock.now - started
                if cycle >= warmup {
                    seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
                }
                if cycle == warmup { rssAfterWarmup = ProcessStatus.kilobytes("VmRSS") }
                if rssEvery > 0, cycle >= warmup, (cycle - warmup) % rssEvery == 0 {
                    rssTrace.append((cycle - warmup, ProcessStatus.kilobytes("VmRSS"), Self.memoryDetail()))
                }
                time = time + interval
            }
            seconds.sort()
            func quantile(_ q: Double) -> Double { seconds[min(seconds.count - 1, Int((Double(seconds.count - 1) * q).rounded()))] }
            let health = await scheduler.currentHealth()
            let figures = Figures(
                cycles: seconds.count, p50: quantile(0.5) * 1e3, p95: quantile(0.95) * 1e3, max: (seconds.last ?? 0) * 1e3,
                rssStart: Double(rssAfterWarmup) / 1024, rssEnd: Double(ProcessStatus.kilobytes("VmRSS")) / 1024,
                rssPeak: Double(ProcessStatus.kilobytes("VmHWM")) / 1024)
            print(String(
                format: "cycles %d (after %d warm-up), groups evaluated every cycle; cycle time p50 %.1f ms, p95 %.1f ms, max %.1f ms",
                figures.cycles, warmup, figures.p50, figures.p95, figures.max))
            let alerts = await scheduler.activeAlerts().count
            print(String(
                format: "RSS after warm-up %.1f MiB, at the end %.1f MiB, peak (VmHWM) %.1f MiB; alerts active %d",
                figures.rssStart, figures.rssEnd, figures.rssPeak, alerts) + "; health \(health?.status.name ?? "none")")
            if !rssTrace.isEmpty {
                print("RSS by cycle (MiB): " + rssTrace.map { String(format: "%d:%.1f", $0.cycle, Double($0.kib) / 1024) }
                    .joined(separator: " "))
                print("memory by cycle (MiB; anon/file RSS, malloc in use/free/mmapped):")
                for entry in rssTrace { print("  \(entry.cycle): \(entry.detail)") }
            }
            if let pipeline {
                let sent = pipeline.metricFamilies().filter { $0.name.hasPrefix("binwatch_notifications") }
                    .map { family in "\(family.name) \(family.samples.reduce(0) { $0 + $1.value })" }
                print("notifications: " + sent.joined(separator: ", "))
            }
            if let json { try figures.write(to: json) }
        }

        /// Where the RSS is: anonymous and file-backed pages, and glibc malloc's bytes in use,
        /// free inside its arenas, and in separate mmaps.
        static func memoryDetail() -> String {
            var text = String(
                format: "anon %.1f file %.1f", Double(ProcessStatus.kilobytes("RssAnon")) / 1024,
                Double(ProcessStatus.kilobytes("RssFile")) / 1024)
            if let malloc = mallocSummary() {
                text += String(
                    format: ", malloc arenas %d system %.1f free %.1f mmapped %.1f", malloc.arenas,
                    Double(malloc.system) / 1_048_576, Double(malloc.free) / 1_048_576, Double(malloc.mmapped) / 1_048_576)
            }
            return text
        }

        /// glibc's `malloc_info` totals: arenas, bytes the arenas hold from the system, bytes
        /// free inside them, and bytes in separate mmaps (nil when not glibc).
        static func mallocSummary() -> (arenas: Int, system: Int, free: Int, mmapped: Int)? {
            #if canImport(Glibc)
                // malloc_info is declared in <malloc.h>, which Swift's Glibc module leaves out.
                typealias MallocInfo = @convention(c) (Int32, UnsafeMutablePointer<FILE>?) -> Int32
                guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_info") else { return nil }
                let mallocInfo = unsafeBitCast(symbol, to: MallocInfo.self)
                var buffer: UnsafeMutablePointer<CChar>?
                var length = 0
                guard let stream = open_memstream(&buffer, &length) else { return nil }
                _ = mallocInfo(0, stream)
                fclose(stream)
                guard let buffer else { return nil }
                defer { free(buffer) }
                let xml = String(cString: buffer)
                func size(of marker: String) -> Int {
                    guard let range = xml.range(of: marker, options: .backwards) else { return 0 }
                    let rest = xml[range.upperBound...]
                    return Int(rest.prefix { $0.isNumber }) ?? 0
                }
                func totalSize(_ type: String) -> Int {
                    guard let range = xml.range(of: "<total type=\"\(type)\"", options: .backwards),
                          let sizeRange = xml[range.upperBound...].range(of: "size=\"") else { return 0 }
                    return Int(xml[sizeRange.upperBound...].prefix { $0.isNumber }) ?? 0
                }
                return (
                    arenas: xml.components(separatedBy: "<heap nr=").count - 1,
                    system: size(of: "<system type=\"current\" size=\""),
                    free: totalSize("fast") + totalSize("rest"), mmapped: totalSize("mmap"))
            #else
                return nil
            #endif
        }
    }
}

extension Binwatch.DebugDaemonBench {
    /// The measured figures (milliseconds and MiB), for `--json`.
    struct Figures: Encodable {
        var cycles: Int
        var p50, p95, max: Double
        var rssStart, rssEnd, rssPeak: Double

        enum CodingKeys: String, CodingKey {
            case cycles, p50 = "p50_ms", p95 = "p95_ms", max = "max_ms"
            case rssStart = "rss_start_mib", rssEnd = "rss_end_mib", rssPeak = "rss_peak_mib"
        }

        func write(to path: String) throws {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try encoder.encode(self).write(to: URL(fileURLWithPath: path))
        }
    }

    /// Notify's clock on the benchmark's stepped evaluation time: `now()` is the cycle's
    /// time; `sleep(for:)` (retry backoff only: the benchmark drives the dispatcher itself)
    /// waits for real.
    final class SteppedNotifyClock: NotifyClock {
        private let time: Mutex<Timestamp>
        init(start: Timestamp) { time = Mutex(start) }
        func set(_ t: Timestamp) { time.withLock { $0 = t } }
        func now() -> Timestamp { time.withLock { $0 } }
        func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration) }
    }
}
