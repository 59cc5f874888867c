import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on a state path, held for the life of `binwatch run`.
///
/// Two daemons pointed at one state file would interleave WAL records and overwrite each
/// other's alert state; Prometheus refuses the second start with the `lock` file in its data
/// directory, and binwatch does the same with `STATE.lock` beside the state file. The lock is
/// an `flock`, so the kernel drops it when the process ends, SIGKILL included: a crash never
/// leaves a stale lock that blocks the restart.
public final class StateLock: Sendable {
    /// Why the lock was not taken.
    public enum Failure: Error, CustomStringConvertible, Equatable {
        /// Another process holds it; `owner` is the pid it wrote, when readable.
        case held(path: String, owner: String?)
        /// The lock file cannot be created or locked (read-only folder, permissions).
        case unusable(path: String, reason: String)

        public var description: String {
            switch self {
            case let .held(path, owner?):
                "state path in use: \(path) is locked by another binwatch (pid \(owner)); two daemons must not share a state path"
            case let .held(path, nil):
                "state path in use: \(path) is locked by another process; two daemons must not share a state path"
            case let .unusable(path, reason):
                "cannot lock \(path): \(reason)"
            }
        }
    }

    /// The lock file's path.
    public let path: String
    private let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// The lock file for a state file.
    public static func path(forState statePath: String) -> String { statePath + ".lock" }

    /// Takes the lock for `statePath` without waiting and writes this process's pid into it.
    public static func acquire(statePath: String) throws(Failure) -> StateLock {
        let path = path(forState: statePath)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .unusable(path: path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            let owner = readOwner(descriptor)
            close(descriptor)
            if code == EWOULDBLOCK { throw .held(path: path, owner: owner) }
            throw .unusable(path: path, reason: String(cString: strerror(code)))
        }
        // The pid is only for the second daemon's message; the lock itself is the flock.
        let pid = Array("\(getpid())\n".utf8)
        if ftruncate(descriptor, 0) == 0 {
            _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        }
        return StateLock(path: path, descriptor: descriptor)
    }

    private static func readOwner(_ descriptor: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty || !text.allSatisfy(\.isNumber) ? nil : text
    }
}
