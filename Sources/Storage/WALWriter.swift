#if canImport(Glibc)
import Glibc
#endif

/// When the log asks the kernel to put its writes on disk.
public enum WALFsyncPolicy: String, Sendable, Equatable, CaseIterable {
    /// When a segment is closed, at checkpoints and at shutdown (Prometheus's behaviour: a
    /// power loss may cost the writes since the last segment boundary, a crash of the
    /// process alone costs nothing, as the kernel holds them).
    case segment
    /// After every batch (every cycle): nothing acknowledged is lost to a power loss, at the
    /// cost of one fsync per cycle.
    case cycle
}

/// Appends batches of records to numbered segment files, one `write(2)` per batch; cuts a new
/// segment when the current one would pass `segmentSize`. Owned by one caller at a time (the
/// scheduler actor), hence a class without locks.
public final class WALWriter {
    public let directory: String
    public let segmentSize: Int
    public let fsyncPolicy: WALFsyncPolicy
    /// The segment being written.
    public private(set) var segment: Int
    private var fd: Int32 = -1
    /// Bytes in the current segment.
    public private(set) var offset = 0
    /// Set when a failed write could not be undone: the next batch starts a new segment, so
    /// no good record ever follows a torn one inside a segment.
    private var mustCut = false
    private var buffer = ByteWriter()

    /// Time spent in fsync (seconds) and their count, for `prometheus_tsdb_wal_fsync_duration_seconds`.
    public private(set) var fsyncSeconds = 0.0
    public private(set) var fsyncs = 0
    /// Bytes written since the writer opened.
    public private(set) var bytesWritten = 0

    /// Opens a new segment numbered `segment` (which must not exist yet) in `directory`.
    /// - Throws: `WALError` when the directory or the file cannot be created.
    public init(directory: String, segment: Int, segmentSize: Int, fsync: WALFsyncPolicy) throws(WALError) {
        self.directory = directory
        self.segment = segment
        self.segmentSize = segmentSize
        self.fsyncPolicy = fsync
        try WALFiles.makeDirectory(directory)
        try openSegment(segment)
    }

    deinit { if fd >= 0 { Glibc.close(fd) } }

    private var segmentPath: String { directory + "/" + WALFiles.segmentName(segment) }

    private func openSegment(_ n: Int) throws(WALError) {
        let path = directory + "/" + WALFiles.segmentName(n)
        let newFD = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard newFD >= 0 else { throw WALFiles.error(.open, path) }
        if fd >= 0 { Glibc.close(fd) }
        fd = newFD
        segment = n
        offset = WALFiles.fileSize(path)
        WALFiles.syncDirectory(directory)
    }

    /// Writes `records` as one batch. On failure nothing of the batch stays in the segment
    /// (it is truncated back; failing that, the next batch goes to a new segment).
    /// - Throws: `WALError` (`.write` with ENOSPC/EROFS/EIO..., `.sync`, `.open`).
    public func append(_ records: [WALRecord]) throws(WALError) {
        buffer.bytes.removeAll(keepingCapacity: true)
        for record in records { WALFrame.append(record, to: &buffer) }
        guard !buffer.bytes.isEmpty else { return }
        if mustCut || (offset > 0 && offset + buffer.bytes.count > segmentSize) {
            try cut()
            mustCut = false
        }
        let path = segmentPath
        let bytes = buffer.bytes
        do throws(WALError) {
            try WALFiles.writeAll(fd, bytes, path: path)
        } catch {
            // A partial write must not stay in front of the next batch.
            if ftruncate(fd, off_t(offset)) != 0 { mustCut = true }
            throw error
        }
        offset += bytes.count
        bytesWritten += bytes.count
        if fsyncPolicy == .cycle { try sync() }
    }

    /// Closes the current segment (fsynced) and starts the next one.
    public func cut() throws(WALError) {
        try sync()
        try openSegment(segment + 1)
    }

    /// Puts the current segment's writes on disk.
    public func sync() throws(WALError) {
        guard fd >= 0 else { return }
        let started = ContinuousClock.now
        let result = fsync(fd)
        let elapsed = ContinuousClock.now - started
        fsyncSeconds += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        fsyncs += 1
        guard result == 0 else { throw WALFiles.error(.sync, segmentPath) }
    }

    /// Syncs and closes the segment (shutdown).
    public func close() {
        try? sync()
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }
}
