import ArgumentParser
import Foundation
import HTTPClient
import Logging
import Model
import Remote
import Storage

extension Binwatch {
    /// `binwatch debug remote-write-bench --dir D --url URL`: the remote-write benchmark
    /// (Benchmarks/remote-write/run.sh). Sends the `bench_value` samples of the WAL a
    /// `wal-bench fill` wrote in `D` with one queue, as a queue catching up after an outage does
    /// (position at the WAL's start), and prints samples, seconds, CPU seconds and wire bytes.
    struct DebugRemoteWriteBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remote-write-bench", abstract: "Time one remote-write queue draining a filled WAL.", shouldDisplay: false)

        @Option var dir: String
        @Option var url: String
        @Option(name: .customLong("max-samples-per-send")) var maxSamplesPerSend = 500

        func run() async throws {
            let wal = dir + "/wal"
            var benchRefs = Set<UInt64>()
            var total = 0
            var newest: Int64 = 0
            _ = try WALReplay.run(directory: wal, repair: false) { record in
                switch record {
                case .series(let series):
                    for s in series where s.labels.metricName == "bench_value" { benchRefs.insert(s.ref) }
                case .samples(let samples):
                    for i in 0..<samples.count where benchRefs.contains(samples.refs[i]) {
                        total += 1
                        newest = max(newest, samples.timestamps[i])
                    }
                case .sourceSeen:
                    break
                }
            }
            var config = RemoteWriteConfig(url: url, name: "bench")
            config.queue.maxSamplesPerSend = maxSamplesPerSend
            config.queue.capacity = max(config.queue.capacity, maxSamplesPerSend)
            var keep = RelabelConfig()
            keep.sourceLabels = [LabelName.metricName]
            keep.regex = try CompiledRegex("bench_value")
            keep.action = .keep
            config.writeRelabelConfigs = [keep]
            let positions = dir + "/remote-write-bench"
            try? FileManager.default.removeItem(atPath: positions)
            var logger = Logger(label: "binwatch")
            logger.logLevel = .warning
            let set = RemoteWriteSet(
                configs: [config], externalLabels: [:], walDirectory: wal, positionDirectory: positions,
                start: WALPosition(segment: WALTail.oldestSegment(directory: wal) ?? 0, offset: 0),
                transport: CurlHTTPClient(), holds: WALSegmentHolds(), logger: logger)
            let cpuBefore = Self.cpuSeconds()
            let started = ContinuousClock.now
            let task = Task { await set.run() }
            // Done when every sample went out, the newest was acknowledged and nothing is pending
            // (the queue clears `pending` only after the last request's answer).
            while true {
                let c = set.metrics.counters("bench") ?? RemoteWriteCounters()
                if c.samples - c.retriedSamples >= total && c.highestSentSeconds * 1000 >= Double(newest) && c.pending == 0 { break }
                try await Task.sleep(for: .milliseconds(5))
            }
            let elapsed = ContinuousClock.now - started
            let cpu = Self.cpuSeconds() - cpuBefore
            task.cancel()
            await task.value
            let counters = set.metrics.counters("bench") ?? RemoteWriteCounters()
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print("samples \(total)")
            print("seconds \(seconds)")
            print("cpu_seconds \(cpu)")
            print("bytes \(counters.bytes)")
            print("requests_samples \(counters.samples)")
            print("failed \(counters.failedSamples) retried \(counters.retriedSamples)")
        }

        /// User + system CPU of this process (all threads, the transfers' included).
        static func cpuSeconds() -> Double {
            var now = timespec()
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
            return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
        }
    }
}
