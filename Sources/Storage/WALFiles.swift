#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The WAL folder's names and the few POSIX calls the log needs, each failure turned into a
/// `WALError` that carries errno (ENOSPC and EROFS must be told apart from bugs).
///
/// Layout (Prometheus's `wal/`): segments `00000000`, `00000001`, ... ; checkpoints
/// `checkpoint.00000007` (covering every segment up to 7); set-aside damage `00000003.corrupt`.
enum WALFiles {
    static func segmentName(_ n: Int) -> String { pad(n) }
    static func checkpointName(_ n: Int) -> String { "checkpoint." + pad(n) }

    private static func pad(_ n: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    /// Segment numbers and checkpoint numbers present in `directory`, ascending, and
    /// leftover temporary files.
    static func list(_ directory: String) throws(WALError) -> (segments: [Int], checkpoints: [Int], temporary: [String]) {
        guard let dir = opendir(directory) else { throw error(.list, directory) }
        defer { closedir(dir) }
        var segments: [Int] = [], checkpoints: [Int] = [], temporary: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.count == 8, name.allSatisfy(\.isASCIIDigit), let n = Int(name) {
                segments.append(n)
            } else if name.hasPrefix("checkpoint."), name.hasSuffix(".tmp") {
                temporary.append(name)
            } else if name.hasPrefix("checkpoint."), let n = Int(name.dropFirst(11)), name.count == 19 {
                checkpoints.append(n)
            }
        }
        return (segments.sorted(), checkpoints.sorted(), temporary.sorted())
    }

    static func makeDirectory(_ path: String) throws(WALError) {
        if mkdir(path, 0o755) != 0, errno != EEXIST { throw error(.open, path) }
    }

    /// The whole file.
    static func read(_ path: String) throws(WALError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw error(.read, path) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw error(.read, path) }
        let size = Int(st.st_size)
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let n = bytes.withUnsafeMutableBytes { buf in Glibc.read(fd, buf.baseAddress! + done, size - done) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw error(.read, path) }
            done += n
        }
        return bytes
    }

    static func fileSize(_ path: String) -> Int {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : 0
    }

    /// Seconds since the file was last written (0 when it cannot be read).
    static func secondsSinceModified(_ path: String) -> Double {
        var st = stat()
        guard stat(path, &st) == 0 else { return 0 }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Double(now.tv_sec - st.st_mtim.tv_sec) + Double(now.tv_nsec - st.st_mtim.tv_nsec) / 1e9
    }

    static func truncate(_ path: String, to size: Int) throws(WALError) {
        guard Glibc.truncate(path, off_t(size)) == 0 else { throw error(.truncate, path) }
    }

    static func rename(_ from: String, _ to: String) throws(WALError) {
        guard Glibc.rename(from, to) == 0 else { throw error(.rename, from) }
    }

    static func remove(_ path: String) throws(WALError) {
        guard unlink(path) == 0 || errno == ENOENT else { throw error(.remove, path) }
    }

    /// Makes renames and new files in `directory` durable.
    static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// Writes all of `bytes` to `fd`.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(WALError) {
        let failure: WALError? = bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return nil }
            var done = 0
            while done < raw.count {
                let n = write(fd, base + done, raw.count - done)
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return error(.write, path) }
                done += n
            }
            return nil
        }
        if let failure { throw failure }
    }

    static func error(_ code: WALError.Code, _ path: String) -> WALError {
        let number = errno
        return WALError(code, path: path, String(cString: strerror(number)), errno: number)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
