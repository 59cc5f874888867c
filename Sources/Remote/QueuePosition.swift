#if canImport(Glibc)
import Glibc
#endif
public import Storage

/// Where a queue is in the WAL: the next sample to send is sample `sample` of the record that
/// starts at `wal`. Everything before it was acknowledged by the receiver.
public struct QueuePosition: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var wal: WALPosition
    public var sample: Int

    public init(wal: WALPosition, sample: Int = 0) {
        self.wal = wal
        self.sample = sample
    }

    public static func < (a: QueuePosition, b: QueuePosition) -> Bool {
        (a.wal, a.sample) < (b.wal, b.sample)
    }

    public var description: String { "\(wal) sample \(sample)" }
}

/// The durable "sent up to here" of one remote_write: a 64-byte file of two 32-byte slots,
/// written alternately with `pwrite` and `fdatasync`. Each slot holds a sequence number, the
/// position and a CRC-32C; reading takes the valid slot with the higher sequence, so a write
/// torn by a crash or power loss leaves the previous position readable. One fsync per
/// acknowledged batch, no rename.
public final class QueuePositionFile {
    public let path: String
    private let fd: Int32
    private var sequence: UInt64
    public private(set) var position: QueuePosition?

    /// Opens (creating) `path` and reads the newest valid slot.
    /// - Throws: `WALError` when the file cannot be opened.
    public init(path: String) throws(WALError) {
        self.path = path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let number = errno
            throw WALError(.open, path: path, String(cString: strerror(number)), errno: number)
        }
        self.fd = fd
        var bytes = [UInt8](repeating: 0, count: 64)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 64, 0) }
        var best: (UInt64, QueuePosition)?
        if n > 0 {
            for slot in 0..<2 where n >= (slot + 1) * 32 {
                if let decoded = Self.decode(Array(bytes[(slot * 32)..<(slot * 32 + 32)])), decoded.0 > (best?.0 ?? 0) {
                    best = decoded
                }
            }
        }
        sequence = best?.0 ?? 0
        position = best?.1
    }

    deinit { close(fd) }

    /// Makes `position` durable (written to the older slot, then fdatasync).
    /// - Throws: `WALError` when the write or the sync fails (the previous position stays valid).
    public func save(_ position: QueuePosition) throws(WALError) {
        let next = sequence + 1
        let bytes = Self.encode(sequence: next, position)
        let offset = off_t(next % 2 == 0 ? 0 : 32)
        let written = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, 32, offset) }
        guard written == 32 else {
            let number = errno
            throw WALError(.write, path: path, String(cString: strerror(number)), errno: number)
        }
        guard fdatasync(fd) == 0 else {
            let number = errno
            throw WALError(.sync, path: path, String(cString: strerror(number)), errno: number)
        }
        sequence = next
        self.position = position
    }

    static func encode(sequence: UInt64, _ p: QueuePosition) -> [UInt8] {
        var bytes: [UInt8] = []
        for value in [sequence, UInt64(p.wal.segment), UInt64(p.wal.offset)] {
            withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
        }
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: p.sample).littleEndian) { bytes += $0 }
        let crc = bytes.withUnsafeBytes { CRC32C.checksum($0) }
        withUnsafeBytes(of: crc.littleEndian) { bytes += $0 }
        return bytes
    }

    static func decode(_ bytes: [UInt8]) -> (UInt64, QueuePosition)? {
        guard bytes.count == 32 else { return nil }
        let crc = bytes[0..<28].withUnsafeBytes { CRC32C.checksum($0) }
        func u64(_ at: Int) -> UInt64 { bytes[at..<(at + 8)].reversed().reduce(0) { $0 << 8 | UInt64($1) } }
        let stored = bytes[28..<32].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard crc == stored, u64(0) > 0 else { return nil }
        let sample = bytes[24..<28].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return (u64(0), QueuePosition(wal: WALPosition(segment: Int(truncatingIfNeeded: u64(8)), offset: Int(truncatingIfNeeded: u64(16))), sample: Int(sample)))
    }
}
