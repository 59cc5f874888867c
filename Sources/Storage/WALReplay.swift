/// Reads a WAL folder back at start-up (Prometheus's `head_wal.go` loop over
/// `wlog.NewReader`): the newest checkpoint, then every later segment in order.
///
/// Damage never stops the start:
/// - the newest segment ending in a torn record (SIGKILL, power loss) is truncated there;
/// - any other unreadable segment or checkpoint keeps what was read before the damage and is
///   set aside as `NAME.corrupt` (renamed, never deleted) for a human to look at.
public enum WALReplay {
    /// What a replay found.
    public struct Report: Sendable {
        /// The checkpoint read first, if any.
        public var checkpoint: Int?
        /// Segments read after it.
        public var segments: [Int] = []
        public var records = 0
        public var series = 0
        public var samples = 0
        /// The torn end of the newest segment, truncated away.
        public var tornTail: WALCorruption?
        /// Damaged files set aside, with the name they were moved to.
        public var setAside: [(corruption: WALCorruption, movedTo: String)] = []
        /// Files that could not be read at all or set aside (each a logged problem).
        public var problems: [String] = []
        /// The number the next segment written must take.
        public var nextSegment = 0
        /// Bytes of the folder's segments and checkpoint after the replay.
        public var bytesOnDisk = 0

        public init() {}
    }

    /// Replays `directory` (created when missing), calling `apply` with every readable record.
    /// - Parameter repair: truncate a torn tail, set damaged files aside and remove leftovers;
    ///   false reads only (`binwatch check state`), reporting the same findings.
    /// - Parameter keepFrom: covered segments from this number on are not removed by the repair
    ///   (a remote-write queue still has to send them; see `WALSegmentHolds`).
    /// - Throws: `WALError` only when the folder itself cannot be created or listed.
    public static func run(
        directory: String, repair: Bool = true, keepFrom: Int? = nil, apply: (WALRecord) -> Void
    ) throws(WALError) -> Report {
        if repair { try WALFiles.makeDirectory(directory) }
        let listing = try WALFiles.list(directory)
        var report = Report()
        if repair { for name in listing.temporary { try? WALFiles.remove(directory + "/" + name) } }
        if let checkpoint = listing.checkpoints.last {
            report.checkpoint = checkpoint
            read(directory + "/" + WALFiles.checkpointName(checkpoint), number: checkpoint, isLast: false,
                 repair: repair, report: &report, apply: apply)
            report.bytesOnDisk += WALFiles.fileSize(directory + "/" + WALFiles.checkpointName(checkpoint))
        }
        let floor = report.checkpoint ?? -1
        let segments = listing.segments.filter { $0 > floor }
        // Segments a checkpoint covers but whose deletion a crash interrupted.
        if repair {
            for old in listing.segments where old <= floor && old < (keepFrom ?? Int.max) {
                try? WALFiles.remove(directory + "/" + WALFiles.segmentName(old))
            }
        }
        for (index, segment) in segments.enumerated() {
            let path = directory + "/" + WALFiles.segmentName(segment)
            read(path, number: segment, isLast: index == segments.count - 1, repair: repair, report: &report, apply: apply)
            report.segments.append(segment)
            report.bytesOnDisk += WALFiles.fileSize(path)
        }
        report.nextSegment = max(segments.last ?? floor, floor) + 1
        return report
    }

    private static func read(
        _ path: String, number: Int, isLast: Bool, repair: Bool, report: inout Report, apply: (WALRecord) -> Void
    ) {
        let bytes: [UInt8]
        do {
            bytes = try WALFiles.read(path)
        } catch {
            report.problems.append("\(error)")
            return
        }
        let stop = bytes.withUnsafeBytes { raw in
            WALFrame.read(raw) { record, _ in
                report.records += 1
                switch record {
                case .series(let series): report.series += series.count
                case .samples(let samples): report.samples += samples.count
                case .sourceSeen: break
                }
                apply(record)
            }
        }
        guard let stop else { return }
        let corruption = WALCorruption(segment: number, path: path, offset: stop.offset, reason: stop.reason)
        guard repair else {
            if isLast { report.tornTail = corruption } else { report.setAside.append((corruption, path)) }
            return
        }
        if isLast {
            // Only the newest segment can end in a half-written batch; cutting it there loses
            // at most that batch.
            report.tornTail = corruption
            do {
                try WALFiles.truncate(path, to: stop.offset)
            } catch {
                report.problems.append("torn tail not truncated: \(error)")
            }
        } else {
            let target = path + ".corrupt"
            do {
                try WALFiles.rename(path, target)
                report.setAside.append((corruption, target))
            } catch {
                report.problems.append("\(corruption); not set aside: \(error)")
            }
        }
    }
}
