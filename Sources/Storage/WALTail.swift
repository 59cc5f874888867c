#if canImport(Glibc)
import Glibc
#endif

/// A place in the WAL: the byte offset of a record's first byte in a numbered segment.
public struct WALPosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var segment: Int
    public var offset: Int

    public init(segment: Int, offset: Int) {
        self.segment = segment
        self.offset = offset
    }

    public static func < (a: WALPosition, b: WALPosition) -> Bool {
        (a.segment, a.offset) < (b.segment, b.offset)
    }

    public var description: String { "segment \(segment) offset \(offset)" }
}

/// Reads a live WAL folder forward from a position, as Prometheus's `wlog.Watcher` tails
/// `data/wal` for remote write: it never changes the folder and never blocks the writer.
///
/// The writer appends whole batches to the newest segment only, so a record that is short or
/// fails its checksum at the end of the newest segment is one still being written: the tail
/// stops there and reads it again later. The same in an older segment is damage: the rest of
/// that segment is skipped (and reported), as replay sets such a file aside.
public final class WALTail {
    /// One record read, with where it starts and where the next one starts.
    public struct Entry: Sendable {
        public var record: WALRecord
        public var position: WALPosition
        public var next: WALPosition
    }

    /// What one `read` found besides records.
    public enum Skip: Sendable, Equatable {
        /// Segments that were gone (deleted by a checkpoint) between `from` and `to`.
        case missingSegments(from: Int, to: Int)
        /// The rest of a segment after unreadable bytes.
        case damaged(WALCorruption)
    }

    public let directory: String
    /// Where the next record is read.
    public private(set) var position: WALPosition
    /// At most this many bytes are read from a segment at once (a longer record is read whole).
    private let chunkSize: Int

    public init(directory: String, from position: WALPosition, chunkSize: Int = 8 << 20) {
        self.directory = directory
        self.position = position
        self.chunkSize = chunkSize
    }

    /// Reads the records after `position` (at most about one chunk of bytes), moving to the
    /// next segment when the current one is complete.
    /// - Returns: the records in order (empty when the tail is caught up with the writer) and
    ///   anything skipped on the way.
    /// - Throws: `WALError` when the folder cannot be listed or a segment cannot be read.
    public func read() throws(WALError) -> (entries: [Entry], skipped: [Skip]) {
        var skipped: [Skip] = []
        while true {
            // Listed before the segment is read: a newer segment existing now means the
            // writer had finished this one, so its end is final.
            let segments = try WALFiles.list(directory).segments
            let path = directory + "/" + WALFiles.segmentName(position.segment)
            guard segments.contains(position.segment) else {
                guard let next = segments.first(where: { $0 > position.segment }) else { return ([], skipped) }
                skipped.append(.missingSegments(from: position.segment, to: next - 1))
                position = WALPosition(segment: next, offset: 0)
                continue
            }
            let hasNewer = segments.contains { $0 > position.segment }
            let size = WALFiles.fileSize(path)
            if position.offset >= size {
                guard hasNewer, let next = segments.first(where: { $0 > position.segment }) else { return ([], skipped) }
                position = WALPosition(segment: next, offset: 0)
                continue
            }
            let before = position
            let bytes = try readRange(path, from: position.offset, count: min(size - position.offset, chunkSize))
            var entries: [Entry] = []
            let base = position.offset
            let stop = bytes.withUnsafeBytes { raw in
                WALFrame.read(raw) { record, offset in
                    let start = WALPosition(segment: position.segment, offset: base + offset)
                    entries.append(Entry(record: record, position: start, next: start))
                }
            }
            // `next` of each entry is the following entry's start, or where reading stopped.
            let end = base + (stop?.offset ?? bytes.count)
            for i in entries.indices {
                entries[i].next = i + 1 < entries.count ? entries[i + 1].position : WALPosition(segment: position.segment, offset: end)
            }
            if let last = entries.last { position = last.next }
            if let stop {
                let truncatedByChunk = bytes.count < size - base
                if entries.isEmpty && truncatedByChunk && stop.reason.contains("cut short") {
                    // One record longer than a chunk: read it whole next time.
                    let whole = try readRange(path, from: base, count: size - base)
                    return try readWhole(whole, base: base, path: path, hasNewer: hasNewer, skipped: skipped)
                }
                if !truncatedByChunk && hasNewer {
                    // Damage in a finished segment: skip the rest of it.
                    skipped.append(.damaged(WALCorruption(segment: position.segment, path: path, offset: end, reason: stop.reason)))
                    if let next = segments.first(where: { $0 > position.segment }) { position = WALPosition(segment: next, offset: 0) }
                }
            }
            // Moved past damage without a record: read on from the next segment.
            if entries.isEmpty && position != before { continue }
            return (entries, skipped)
        }
    }

    /// The rare record longer than a chunk, read in one piece.
    private func readWhole(
        _ bytes: [UInt8], base: Int, path: String, hasNewer: Bool, skipped: [Skip]
    ) throws(WALError) -> (entries: [Entry], skipped: [Skip]) {
        var entries: [Entry] = []
        _ = bytes.withUnsafeBytes { raw in
            WALFrame.read(raw) { record, offset in
                let start = WALPosition(segment: position.segment, offset: base + offset)
                entries.append(Entry(record: record, position: start, next: start))
            }
        }
        guard let first = entries.first else { return ([], skipped) }
        let next = entries.count > 1 ? entries[1].position : WALPosition(segment: position.segment, offset: base + bytes.count)
        position = next
        return ([Entry(record: first.record, position: first.position, next: next)], skipped)
    }

    private func readRange(_ path: String, from offset: Int, count: Int) throws(WALError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw WALFiles.error(.read, path) }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes { buf in pread(fd, buf.baseAddress! + done, count - done, off_t(offset + done)) }
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw WALFiles.error(.read, path) }
            if n == 0 { break }
            done += n
        }
        if done < count { bytes.removeSubrange(done...) }
        return bytes
    }

    /// The lowest segment number in `directory`, nil when there is none.
    public static func oldestSegment(directory: String) -> Int? {
        (try? WALFiles.list(directory))?.segments.first
    }

    /// The series defined in the newest checkpoint of `directory` (the series a reader
    /// starting after it needs for samples whose series record was in a deleted segment).
    /// - Returns: the checkpoint's number and its series; nil when there is none or it is unreadable.
    public static func checkpointSeries(directory: String) -> (checkpoint: Int, series: [WALSeries])? {
        guard let listing = try? WALFiles.list(directory), let newest = listing.checkpoints.last,
              let bytes = try? WALFiles.read(directory + "/" + WALFiles.checkpointName(newest))
        else { return nil }
        var series: [WALSeries] = []
        _ = bytes.withUnsafeBytes { raw in
            WALFrame.read(raw) { record, _ in
                if case .series(let defined) = record { series += defined }
            }
        }
        return (newest, series)
    }
}
