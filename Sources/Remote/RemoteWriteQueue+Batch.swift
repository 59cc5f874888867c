import Logging
import Model
import Storage

/// Samples read for one request, grouped by series in order of first appearance.
struct Batch {
    var series: [RemoteSeries] = []
    var index: [UInt64: Int] = [:]
    var count = 0
    /// When the first sample was read (the batch_send_deadline runs from there).
    var started: ContinuousClock.Instant?
    /// The position after the last sample read into it (or dropped while filling it).
    var end: QueuePosition?
    var highestTimestamp: Int64 = .min

    mutating func add(ref: UInt64, labels: Labels, timestamp: Int64, value: Double) {
        if started == nil { started = .now }
        if let i = index[ref] {
            series[i].timestamps.append(timestamp)
            series[i].values.append(value)
        } else {
            index[ref] = series.count
            series.append(RemoteSeries(labels: labels, timestamps: [timestamp], values: [value]))
        }
        count += 1
        highestTimestamp = max(highestTimestamp, timestamp)
    }
}

extension RemoteWriteQueue {
    /// Reads samples into `batch` until it holds `limit` or the WAL has nothing more.
    /// - Returns: whether the reader caught up with the writer.
    func fill(_ batch: inout Batch, limit: Int) throws(WALError) -> Bool {
        while batch.count < limit {
            guard try loadRecord() else { return true }
            guard var record = current else { continue }
            var dropped = 0
            while record.index < record.samples.count && batch.count < limit {
                let i = record.index
                record.index += 1
                let ref = record.samples.refs[i]
                guard let known = series[ref], let labels = known else {
                    dropped += 1
                    continue
                }
                batch.add(ref: ref, labels: labels, timestamp: record.samples.timestamps[i], value: record.samples.values[i])
            }
            if dropped > 0 { metrics.update(config.name) { $0.droppedSamples += dropped } }
            if record.index >= record.samples.count {
                batch.end = QueuePosition(wal: record.next)
                current = nil
            } else {
                batch.end = QueuePosition(wal: record.position, sample: record.index)
                current = record
            }
        }
        return false
    }

    /// Makes `current` the next samples record, applying series records on the way.
    /// - Returns: false when the WAL has no more records now.
    func loadRecord() throws(WALError) -> Bool {
        while current == nil {
            if buffered.isEmpty {
                let (entries, skipped) = try tail.read()
                for skip in skipped { report(skip) }
                guard !entries.isEmpty else { return false }
                buffered = entries[...]
            }
            guard let entry = buffered.popFirst() else { continue }
            switch entry.record {
            case .series(let defined):
                for s in defined { series[s.ref] = outgoingLabels(s.labels) }
            case .samples(let samples):
                // Records before the saved position were acknowledged before the restart.
                let saved = skipSamplesBefore.wal
                if entry.position < saved { continue }
                current = (samples, entry.position, entry.next, entry.position == saved ? skipSamplesBefore.sample : 0)
            case .sourceSeen:
                break
            }
        }
        return true
    }

    func report(_ skip: WALTail.Skip) {
        switch skip {
        case .missingSegments(let from, let to):
            logger.warning("remote write skipped WAL segments that a checkpoint removed (older than retention): their samples are not sent",
                           metadata: ["remote_name": "\(config.name)", "segments": "\(from)-\(to)"])
        case .damaged(let corruption):
            logger.error("remote write skipped the damaged rest of a WAL segment",
                         metadata: ["remote_name": "\(config.name)", "damage": "\(corruption)"])
        }
    }
}
