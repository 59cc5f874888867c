/// A failed WAL operation: what was being done, on which file, and the system's reason
/// (errno text), as NIO's `FileSystemError` carries them.
public struct WALError: Error, CustomStringConvertible, Sendable {
    public enum Code: Sendable, Equatable {
        case open, write, sync, truncate, rename, remove, read, list
    }

    public let code: Code
    public let path: String
    public let message: String
    /// The errno value, when the system gave one (`ENOSPC` 28, `EROFS` 30, `EACCES` 13...).
    public let errno: Int32?

    public init(_ code: Code, path: String, _ message: String, errno: Int32? = nil) {
        self.code = code
        self.path = path
        self.message = message
        self.errno = errno
    }

    public var description: String { "\(code) \(path): \(message)" }
}

/// Where a segment stops being readable: a torn write at the end of the log, or damage in
/// the middle. Prometheus's `wlog.CorruptionErr` names the same: segment and byte offset.
public struct WALCorruption: Error, CustomStringConvertible, Sendable, Equatable {
    /// The segment number (`checkpoint` files have the number of the last segment they cover).
    public let segment: Int
    /// The file.
    public let path: String
    /// Offset of the first byte of the record that could not be read.
    public let offset: Int
    public let reason: String

    public var description: String { "\(path): segment \(segment) unreadable at byte \(offset): \(reason)" }
}
