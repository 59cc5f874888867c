#if canImport(Glibc)
import Glibc
#endif

/// Writes a checkpoint (Prometheus's `wlog/checkpoint.go`): the store's live content as WAL
/// records in `checkpoint.N`, which then stands for every segment up to N; those segments
/// and older checkpoints are deleted, so the folder holds about one retention of history.
public enum WALCheckpoint {
    /// Receives a checkpoint's records and writes them in batches of a few MiB.
    public struct Sink {
        let fd: Int32
        let path: String
        var buffer = ByteWriter()
        public private(set) var bytes = 0

        public mutating func add(_ record: WALRecord) throws(WALError) {
            WALFrame.append(record, to: &buffer)
            if buffer.bytes.count >= 4 << 20 { try flush() }
        }

        mutating func flush() throws(WALError) {
            try WALFiles.writeAll(fd, buffer.bytes, path: path)
            bytes += buffer.bytes.count
            buffer.bytes.removeAll(keepingCapacity: true)
        }
    }

    /// What a checkpoint wrote and removed.
    public struct Outcome: Sendable {
        public var bytes: Int
        public var segmentsRemoved: Int
    }

    /// Writes `checkpoint.<segment>` from what `fill` adds (through a temporary file, fsynced,
    /// then renamed, so a crash leaves either the old state or the new), then deletes the
    /// segments it covers and older checkpoints.
    /// - Parameter retain: asked for each covered segment (number, seconds since its last
    ///   write); true keeps it (a remote-write queue has not sent it yet). Replay never reads a
    ///   covered segment, so keeping one changes nothing but disk use.
    /// - Throws: `WALError` when the checkpoint could not be written (nothing is deleted then).
    public static func write(
        directory: String, covering segment: Int, retain: (Int, Double) -> Bool = { _, _ in false },
        fill: (inout Sink) throws(WALError) -> Void
    ) throws(WALError) -> Outcome {
        let final = directory + "/" + WALFiles.checkpointName(segment)
        let temporary = final + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WALFiles.error(.open, temporary) }
        var sink = Sink(fd: fd, path: temporary)
        do throws(WALError) {
            try fill(&sink)
            try sink.flush()
            guard fsync(fd) == 0 else { throw WALFiles.error(.sync, temporary) }
            close(fd)
        } catch {
            close(fd)
            try? WALFiles.remove(temporary)
            throw error
        }
        try WALFiles.rename(temporary, final)
        WALFiles.syncDirectory(directory)
        let listing = try WALFiles.list(directory)
        var removed = 0
        for old in listing.segments where old <= segment {
            let path = directory + "/" + WALFiles.segmentName(old)
            if retain(old, WALFiles.secondsSinceModified(path)) { continue }
            try WALFiles.remove(path)
            removed += 1
        }
        for old in listing.checkpoints where old < segment {
            try WALFiles.remove(directory + "/" + WALFiles.checkpointName(old))
        }
        return Outcome(bytes: sink.bytes, segmentsRemoved: removed)
    }
}
