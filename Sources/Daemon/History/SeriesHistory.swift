import Logging
import Model
import PromQL
import Storage

/// The series store's durable history: replays the WAL folder into a store at start-up,
/// writes each cycle's journal as one batch, checkpoints on its interval, and survives a
/// full or read-only disk by resynchronising with a checkpoint once writes work again.
/// Owned by the scheduler actor (a class: it holds the open segment).
final class SeriesHistory {
    let directory: String
    let settings: BinwatchConfig.Storage
    let logger: Logger
    private var writer: WALWriter?
    /// The segment number a new writer starts at.
    private var nextSegment: Int
    private(set) var metrics = HistoryMetrics()
    /// A batch was lost (or no writer could be opened): the next successful write is a whole
    /// checkpoint, so the log never holds samples of series it never defined.
    private var needsResync = false
    private var lastCheckpoint: Timestamp
    /// Bytes on disk not counted by the current writer's `bytesWritten`.
    private var diskBytesBase = 0
    /// Segments remote-write queues have not sent yet: checkpoints keep them (below).
    let holds = WALSegmentHolds()
    /// How long a held segment is kept at most: the store's retention, and at least 2h, as
    /// Prometheus keeps about two hours of WAL for a lagging remote write before its head
    /// compaction truncates it.
    private var holdLimitSeconds = 7200.0

    private init(directory: String, settings: BinwatchConfig.Storage, logger: Logger, nextSegment: Int, now: Timestamp) {
        self.directory = directory
        self.settings = settings
        self.logger = logger
        self.nextSegment = nextSegment
        lastCheckpoint = now
    }

    /// Replays `directory` into a new store (samples older than `now - retention` dropped),
    /// logs what was read, and opens a new segment for this run. Never fails: damage is set
    /// aside and logged, an unwritable folder leaves history in memory until writes work.
    /// - Parameter keepFrom: the oldest segment a remote-write queue still needs (from the
    ///   queues' position files): the replay's repair does not delete it or later ones.
    static func open(
        directory: String, settings: BinwatchConfig.Storage, retention: PromDuration, now: Timestamp, logger: Logger,
        keepFrom: Int? = nil
    ) -> (SeriesHistory, SeriesStore) {
        let started = ContinuousClock.now
        var restorer = StoreRestorer()
        var report = WALReplay.Report()
        var replayFailed = false
        do {
            report = try WALReplay.run(directory: directory, keepFrom: keepFrom) { record in
                switch record {
                case .series(let series):
                    for s in series { restorer.series(ref: s.ref, labels: s.labels) }
                case .samples(let samples):
                    restorer.samples(refs: samples.refs, timestamps: samples.timestamps, values: samples.values)
                case .sourceSeen(let source, let refs):
                    restorer.sourceSeen(source, refs: refs)
                }
            }
        } catch {
            replayFailed = true
            logger.error("WAL folder unreadable; starting without history", metadata: ["dir": "\(directory)", "err": "\(error)"])
        }
        var store = restorer.finish()
        store.dropSamples(before: now - retention)
        store.startJournal()
        let history = SeriesHistory(directory: directory, settings: settings, logger: logger, nextSegment: report.nextSegment, now: now)
        history.holdLimitSeconds = max(7200, retention.seconds)
        if let keepFrom { history.holds.hold("replay", segment: keepFrom) }
        history.metrics.replaySeconds = TimedCollection.seconds(since: started)
        history.metrics.corruptions = report.setAside.count + (report.tornTail == nil ? 0 : 1)
        history.metrics.replayUnknownSeriesSamples = restorer.unknownRefSamples
        history.metrics.bytesOnDisk = report.bytesOnDisk
        history.diskBytesBase = report.bytesOnDisk
        history.report(report, restorer: restorer, store: store)
        if replayFailed { history.needsResync = true }
        history.openWriter()
        return (history, store)
    }

    private func report(_ report: WALReplay.Report, restorer: StoreRestorer, store: SeriesStore) {
        if let torn = report.tornTail {
            logger.warning("WAL torn tail truncated (a write cut short by a crash; at most that batch is lost)", metadata: [
                "segment": "\(torn.path)", "offset": "\(torn.offset)", "reason": "\(torn.reason)",
            ])
        }
        for (corruption, movedTo) in report.setAside {
            logger.error("WAL damaged: the records after the damage are lost, the file is set aside", metadata: [
                "file": "\(corruption.path)", "offset": "\(corruption.offset)", "reason": "\(corruption.reason)", "moved_to": "\(movedTo)",
            ])
        }
        for problem in report.problems { logger.error("WAL problem", metadata: ["err": "\(problem)"]) }
        if restorer.unknownRefSamples > 0 || restorer.rejectedSamples > 0 {
            logger.error("WAL samples not restored", metadata: [
                "unknown_series": "\(restorer.unknownRefSamples)", "out_of_order": "\(restorer.rejectedSamples)",
            ])
        }
        logger.info("WAL replayed", metadata: [
            "dir": "\(directory)", "checkpoint": "\(report.checkpoint.map(String.init) ?? "none")",
            "segments": "\(report.segments.count)", "records": "\(report.records)", "series": "\(store.seriesCount)",
            "samples": "\(store.sampleCount)", "samples_read": "\(report.samples)",
            "duration_seconds": "\(metrics.replaySeconds)",
        ])
    }

    private func openWriter() {
        do {
            let writer = try WALWriter(directory: directory, segment: nextSegment, segmentSize: settings.segmentSize, fsync: settings.fsync)
            self.writer = writer
            diskBytesBase = metrics.bytesOnDisk
            metrics.segmentCurrent = writer.segment
        } catch {
            metrics.writesFailed += 1
            needsResync = true
            logger.error("WAL not writable; history is kept in memory until it is", metadata: ["err": "\(error)"])
        }
    }

    /// Writes what `store` took since the last flush (one batch), then a checkpoint when due.
    func flush(_ store: inout SeriesStore, at now: Timestamp) {
        guard let journal = store.takeJournal() else { return }
        if needsResync {
            resync(store, at: now)
            return
        }
        guard let writer else { return }
        do {
            try writer.append(Self.records(journal))
        } catch {
            metrics.writesFailed += 1
            needsResync = true
            logger.error("WAL write failed; evaluation goes on, history resumes when the disk takes writes again",
                         metadata: ["err": "\(error)"])
            return
        }
        collectWriterMetrics()
        if now - lastCheckpoint >= settings.checkpointInterval {
            do {
                try checkpoint(store, at: now)
            } catch {
                logger.error("WAL checkpoint failed; segments are kept until the next one", metadata: ["err": "\(error)"])
            }
        }
    }

    /// After lost writes: a checkpoint of the whole store (it holds every sample the lost
    /// batches had), tried every cycle until the disk takes it.
    private func resync(_ store: SeriesStore, at now: Timestamp) {
        if writer == nil { openWriter() }
        guard writer != nil else { return }
        do {
            try checkpoint(store, at: now)
            needsResync = false
            logger.notice("WAL writes resumed: history written as a checkpoint", metadata: ["dir": "\(directory)"])
        } catch {
            metrics.writesFailed += 1
        }
    }

    /// Closes the current segment, writes the store as `checkpoint.<that segment>`, deletes
    /// the segments it covers. Samples appended later go to the new segment.
    func checkpoint(_ store: SeriesStore, at now: Timestamp) throws(WALError) {
        guard let writer else { throw WALError(.open, path: directory, "no segment open") }
        let started = ContinuousClock.now
        let covered = writer.segment
        do {
            try writer.cut()
            let oldestHeld = holds.oldestHeld
            let limit = holdLimitSeconds
            let outcome = try WALCheckpoint.write(
                directory: directory, covering: covered,
                retain: { segment, age in oldestHeld.map { segment >= $0 && age < limit } ?? false }
            ) { sink throws(WALError) in
                try Self.fill(&sink, from: store)
            }
            metrics.checkpoints += 1
            metrics.truncations += 1
            metrics.truncatedSegments += outcome.segmentsRemoved
            diskBytesBase = outcome.bytes - writer.bytesWritten
        } catch {
            metrics.checkpointsFailed += 1
            throw error
        }
        lastCheckpoint = now
        metrics.lastCheckpointSeconds = TimedCollection.seconds(since: started)
        collectWriterMetrics()
    }

    private func collectWriterMetrics() {
        guard let writer else { return }
        metrics.fsyncSeconds = writer.fsyncSeconds
        metrics.fsyncs = writer.fsyncs
        metrics.segmentCurrent = writer.segment
        metrics.bytesOnDisk = diskBytesBase + writer.bytesWritten
    }

    /// Where the next batch will be written: where a new remote-write queue starts.
    var endPosition: WALPosition {
        guard let writer else { return WALPosition(segment: nextSegment, offset: 0) }
        return WALPosition(segment: writer.segment, offset: writer.offset)
    }

    /// Syncs and closes the segment (shutdown).
    func close() {
        writer?.close()
        writer = nil
    }

    // MARK: Records

    static func records(_ journal: AppendJournal) -> [WALRecord] {
        var records: [WALRecord] = []
        if !journal.newSeries.isEmpty {
            records.append(.series(journal.newSeries.map { WALSeries(ref: $0.ref, labels: $0.labels) }))
        }
        if !journal.refs.isEmpty {
            var samples = WALSamples()
            samples.refs = journal.refs
            samples.timestamps = journal.timestamps
            samples.values = journal.values
            records.append(.samples(samples))
        }
        for seen in journal.sourceSeen { records.append(.sourceSeen(source: seen.source, refs: seen.refs)) }
        return records
    }

    /// The store's content as checkpoint records: series, samples, sources' last sets.
    static func fill(_ sink: inout WALCheckpoint.Sink, from store: SeriesStore) throws(WALError) {
        var series: [WALSeries] = []
        store.forEachSeries { ref, labels, _, _ in series.append(WALSeries(ref: ref, labels: labels)) }
        for start in stride(from: 0, to: series.count, by: 10_000) {
            try sink.add(.series(Array(series[start..<min(series.count, start + 10_000)])))
        }
        var samples = WALSamples()
        var failure: WALError?
        store.forEachSeries { ref, _, timestamps, values in
            guard failure == nil else { return }
            for i in timestamps.indices { samples.append(ref: ref, timestamp: timestamps[i], value: values[i]) }
            if samples.count >= 65_536 {
                do throws(WALError) { try sink.add(.samples(samples)) } catch { failure = error }
                samples.removeAll()
            }
        }
        if let failure { throw failure }
        if !samples.isEmpty { try sink.add(.samples(samples)) }
        for seen in store.lastSeenRefs { try sink.add(.sourceSeen(source: seen.source, refs: seen.refs)) }
    }
}
