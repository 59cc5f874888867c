public import Exposition
public import Model
import Synchronization

/// One queue's counters, named and meant as Prometheus 2.42's `prometheus_remote_storage_*`
/// (storage/remote/queue_manager.go), labelled `remote_name` and `url`.
public struct RemoteWriteCounters: Sendable {
    /// Samples in requests sent (every attempt, as Prometheus counts them).
    public var samples = 0
    /// Samples of batches dropped after a non-recoverable answer (4xx but 429 when retried).
    public var failedSamples = 0
    /// Samples of attempts that failed recoverably and were sent again.
    public var retriedSamples = 0
    /// Samples read from the WAL and not sent: dropped by write_relabel_configs, or whose series
    /// definition is gone.
    public var droppedSamples = 0
    /// Compressed bytes of the requests sent.
    public var bytes = 0
    /// Send durations, for the histogram (buckets as Prometheus's: DefBuckets + 25, 60, 120, 300).
    public var durationBuckets = [Int](repeating: 0, count: RemoteWriteCounters.buckets.count)
    public var durationSum = 0.0
    public var durationCount = 0
    /// The newest sample timestamp acknowledged by the receiver (seconds).
    public var highestSentSeconds = 0.0
    /// Samples read from the WAL but not acknowledged yet.
    public var pending = 0

    public init() {}

    static let buckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 60, 120, 300]

    mutating func observe(seconds: Double) {
        for (i, bound) in Self.buckets.enumerated() where seconds <= bound { durationBuckets[i] += 1 }
        durationSum += seconds
        durationCount += 1
    }
}

/// Every queue's counters behind one lock: queues write from their own tasks, the scheduler
/// reads them for its self metrics.
public final class RemoteWriteMetrics: Sendable {
    private struct State {
        var queues: [String: (url: String, minShards: Int, maxShards: Int, maxSamplesPerSend: Int, counters: RemoteWriteCounters)] = [:]
        var order: [String] = []
        /// Newest sample timestamp written to the WAL (`prometheus_remote_storage_highest_timestamp_in_seconds`).
        var highestSeconds = 0.0
    }

    private let state = Mutex(State())

    public init() {}

    func register(_ config: RemoteWriteConfig) {
        state.withLock { s in
            if s.queues[config.name] == nil { s.order.append(config.name) }
            s.queues[config.name] = (config.labelURL, config.queue.minShards, config.queue.maxShards, config.queue.maxSamplesPerSend,
                                     s.queues[config.name]?.counters ?? RemoteWriteCounters())
        }
    }

    func update(_ name: String, _ body: (inout RemoteWriteCounters) -> Void) {
        state.withLock { s in
            guard var entry = s.queues[name] else { return }
            body(&entry.counters)
            s.queues[name] = entry
        }
    }

    /// Records the newest timestamp the WAL took (the scheduler calls it after each write).
    public func sawTimestamp(_ milliseconds: Int64) {
        state.withLock { $0.highestSeconds = max($0.highestSeconds, Double(milliseconds) / 1000) }
    }

    /// One queue's counters (tests, `binwatch` diagnostics).
    public func counters(_ name: String) -> RemoteWriteCounters? {
        state.withLock { $0.queues[name]?.counters }
    }

    /// The `prometheus_remote_storage_*` families.
    public func families() -> [MetricFamily] {
        state.withLock { s in
            guard !s.order.isEmpty else { return [] }
            var families: [String: MetricFamily] = [:]
            var names: [String] = []
            func add(_ name: String, _ type: MetricType, _ help: String, _ labels: Labels, _ value: Double, suffix: String = "") {
                if families[name] == nil {
                    families[name] = MetricFamily(name: name, help: help, type: type)
                    names.append(name)
                }
                families[name]?.samples.append(MetricSample(name: name + suffix, labels: labels, value: value))
            }
            let p = "prometheus_remote_storage_"
            add(p + "highest_timestamp_in_seconds", .gauge,
                "Highest timestamp that has come into the remote storage via the Appender interface, in seconds since epoch.",
                Labels(), s.highestSeconds)
            for name in s.order {
                guard let q = s.queues[name] else { continue }
                let labels = Labels(["remote_name": name, "url": q.url])
                let c = q.counters
                add(p + "samples_total", .counter, "Total number of samples sent to remote storage.", labels, Double(c.samples))
                add(p + "samples_failed_total", .counter,
                    "Total number of samples which failed on send to remote storage, non-recoverable errors.", labels, Double(c.failedSamples))
                add(p + "samples_retried_total", .counter,
                    "Total number of samples which failed on send to remote storage but were retried because the send error was recoverable.",
                    labels, Double(c.retriedSamples))
                add(p + "samples_dropped_total", .counter,
                    "Total number of samples which were dropped after being read from the WAL before being sent via remote write, either via relabelling or unintentionally because of an unknown reference ID.",
                    labels, Double(c.droppedSamples))
                add(p + "bytes_total", .counter,
                    "The total number of bytes of data (not metadata) sent by the queue after compression.", labels, Double(c.bytes))
                add(p + "queue_highest_sent_timestamp_seconds", .gauge,
                    "Timestamp from a WAL sample, the highest timestamp successfully sent by this queue, in seconds since epoch.",
                    labels, c.highestSentSeconds)
                add(p + "samples_pending", .gauge,
                    "The number of samples pending in the queues shards to be sent to the remote storage.", labels, Double(c.pending))
                add(p + "shards", .gauge, "The number of shards used for parallel sending to the remote storage.", labels, 1)
                add(p + "shards_min", .gauge, "The minimum number of shards that the queue is allowed to run.", labels, Double(q.minShards))
                add(p + "shards_max", .gauge, "The maximum number of shards that the queue is allowed to run.", labels, Double(q.maxShards))
                add(p + "shards_desired", .gauge,
                    "The number of shards that the queues shard calculation wants to run based on the rate of samples in vs. samples out.",
                    labels, 1)
                add(p + "max_samples_per_send", .gauge,
                    "The maximum number of samples to be sent, in a single request, to the remote storage.", labels, Double(q.maxSamplesPerSend))
                let histogram = p + "sent_batch_duration_seconds"
                for (i, bound) in RemoteWriteCounters.buckets.enumerated() {
                    add(histogram, .histogram, "Duration of send calls to the remote storage.",
                        labels.setting("le", to: GoFloat.format(bound)), Double(c.durationBuckets[i]), suffix: "_bucket")
                }
                add(histogram, .histogram, "Duration of send calls to the remote storage.",
                    labels.setting("le", to: "+Inf"), Double(c.durationCount), suffix: "_bucket")
                add(histogram, .histogram, "Duration of send calls to the remote storage.", labels, c.durationSum, suffix: "_sum")
                add(histogram, .histogram, "Duration of send calls to the remote storage.", labels, Double(c.durationCount), suffix: "_count")
            }
            return names.compactMap { families[$0] }
        }
    }
}
