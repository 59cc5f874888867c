#if canImport(Glibc)
import Glibc
#endif
public import HTTPClient
public import Logging
public import Model
public import Storage

/// One `remote_write` entry's sender: reads the WAL forward from its durable position (as
/// Prometheus's queue manager reads it through `wlog.Watcher`), turns samples into batches of
/// at most `max_samples_per_send`, sends each with retries, and records the position after the
/// receiver acknowledged it. Runs on its own task, so the scheduler never waits for it: the
/// scheduler only writes the WAL and calls `Wakeup.signal()`.
///
/// Samples go out in WAL order with one request in flight (one shard), so the position is a
/// single point: everything before it was acknowledged.
public actor RemoteWriteQueue {
    public let config: RemoteWriteConfig
    let externalLabels: [String: String]
    let walDirectory: String
    let positionFile: QueuePositionFile
    let transport: any HTTPTransport
    let metrics: RemoteWriteMetrics
    let holds: WALSegmentHolds
    let wakeup: Wakeup
    let logger: Logger
    let userAgent: String

    /// Series by WAL reference, labels already with external labels and relabelled; nil when
    /// write_relabel_configs dropped the series.
    var series: [UInt64: Labels?] = [:]
    var tail: WALTail
    var buffered: ArraySlice<WALTail.Entry> = []
    /// The samples record being cut into batches, and the next sample of it to take.
    var current: (samples: WALSamples, position: WALPosition, next: WALPosition, index: Int)?
    /// Everything before this was acknowledged (or dropped) and is saved.
    public private(set) var acknowledged: QueuePosition
    /// Entries before this position are read for their series only (start-up catch-up).
    var skipSamplesBefore: QueuePosition

    /// - Parameters:
    ///   - start: where a queue without a position file begins (the WAL's end when it was created).
    ///   - positionPath: the queue's position file.
    /// - Throws: `WALError` when the position file cannot be opened.
    public init(
        config: RemoteWriteConfig, externalLabels: [String: String], walDirectory: String, positionPath: String,
        start: WALPosition, transport: any HTTPTransport, metrics: RemoteWriteMetrics, holds: WALSegmentHolds,
        wakeup: Wakeup, logger: Logger, userAgent: String = "binwatch"
    ) throws(WALError) {
        self.config = config
        self.externalLabels = externalLabels
        self.walDirectory = walDirectory
        let file = try QueuePositionFile(path: positionPath)
        self.positionFile = file
        self.transport = transport
        self.metrics = metrics
        self.holds = holds
        self.wakeup = wakeup
        self.logger = logger
        self.userAgent = userAgent
        let position = file.position ?? QueuePosition(wal: start)
        acknowledged = position
        skipSamplesBefore = position
        // From the oldest segment there is, not the saved one: series are defined once, when
        // first seen, so the samples after the position may belong to series defined in any
        // earlier segment (or in the checkpoint, read first). Samples before it are skipped.
        let oldest = min(WALTail.oldestSegment(directory: walDirectory) ?? position.wal.segment, position.wal.segment)
        tail = WALTail(directory: walDirectory, from: WALPosition(segment: oldest, offset: 0))
        holds.hold(config.name, segment: position.wal.segment)
        metrics.register(config)
    }

    /// The position a new queue starts from, and the oldest segment it needs, read from its
    /// file without opening the queue (the daemon holds segments before replay may delete them).
    public static func savedPosition(path: String) -> QueuePosition? {
        guard access(path, F_OK) == 0 else { return nil }
        return (try? QueuePositionFile(path: path))?.position
    }

    /// Sends until the task is cancelled.
    public func run() async {
        loadCheckpointSeries()
        if positionFile.position == nil { persist(acknowledged) }
        logger.info("remote write queue started", metadata: [
            "remote_name": "\(config.name)", "url": "\(HTTPRequest(url: config.url).redactedOrigin)", "position": "\(acknowledged)",
        ])
        var batch = Batch()
        let deadline = Duration.milliseconds(config.queue.batchSendDeadline.milliseconds)
        let limit = min(config.queue.maxSamplesPerSend, config.queue.capacity)
        while !Task.isCancelled {
            let caughtUp: Bool
            do {
                caughtUp = try fill(&batch, limit: limit)
            } catch {
                logger.error("remote write cannot read the WAL", metadata: ["remote_name": "\(config.name)", "err": "\(error)"])
                await wakeup.wait(timeout: deadline)
                continue
            }
            metrics.update(config.name) { $0.pending = batch.count }
            let age = batch.started.map { ContinuousClock.now - $0 } ?? .zero
            if batch.count >= limit || (batch.count > 0 && (age >= deadline || !caughtUp)) {
                guard await send(batch) else { break }
                batch = Batch()
                continue
            }
            if batch.count == 0, let end = batch.end, end > acknowledged {
                // Only dropped samples or series records were read: nothing to send, move on.
                persist(end)
                batch = Batch()
            }
            if caughtUp { await wakeup.wait(timeout: batch.count == 0 ? deadline : deadline - age) }
        }
        metrics.update(config.name) { $0.pending = 0 }
    }

    /// The newest checkpoint's series: a queue starting after it needs them for samples whose
    /// series record was in a segment the checkpoint replaced.
    func loadCheckpointSeries() {
        guard let checkpoint = WALTail.checkpointSeries(directory: walDirectory) else { return }
        for s in checkpoint.series { series[s.ref] = outgoingLabels(s.labels) }
    }

    /// The labels sent for a series: external labels the series does not have, then
    /// write_relabel_configs (Prometheus's order); nil when relabelling dropped it.
    func outgoingLabels(_ labels: Labels) -> Labels? {
        var withExternal = labels
        for (name, value) in externalLabels where labels[name] == nil { withExternal.set(name, to: value) }
        if config.writeRelabelConfigs.isEmpty { return withExternal }
        return Relabeling.process(withExternal, config.writeRelabelConfigs)
    }

    func persist(_ position: QueuePosition) {
        do {
            try positionFile.save(position)
        } catch {
            logger.error("remote write position not saved: a restart would send again what was acknowledged since the last save",
                         metadata: ["remote_name": "\(config.name)", "err": "\(error)"])
        }
        acknowledged = position
        holds.hold(config.name, segment: position.wal.segment)
    }
}
