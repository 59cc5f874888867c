#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a node_exporter textfile (`*.prom`) atomically: the collector sees either the
/// previous file or the new one, never a partial file, even if the writer is killed.
///
/// Steps: create a temporary file in the **same directory** (so `rename(2)` is atomic; its
/// name ends in random characters, never `.prom`, so the collector ignores it), set mode
/// 0644 (the collector runs as another user), write everything, `fsync`, `rename` over the
/// target, `fsync` the directory so the rename is durable. On any failure before the rename
/// the temporary file is removed and the previous file is left as it was.
///
/// This is the Exposition module's only I/O.
public struct TextfileWriter: Sendable {
    /// The target file, e.g. `/var/lib/prometheus/node-exporter/binwatch.prom`.
    public var path: String

    /// - Parameter path: the `.prom` file to replace.
    public init(path: String) {
        self.path = path
    }

    /// Encodes `families` with the textfile rules and replaces the file with them.
    /// - Throws: `TextfileWriterError` (code `.encoding` when the families are refused).
    public func write(_ families: [MetricFamily]) throws(TextfileWriterError) {
        let bytes: [UInt8]
        do {
            bytes = try TextEncoder(textfile: true).encodeBytes(families)
        } catch {
            throw TextfileWriterError(code: .encoding, path: path, message: error.description)
        }
        try write(contents: bytes)
    }

    /// Replaces the file with `contents` as they are.
    /// - Throws: `TextfileWriterError` naming the failed step.
    public func write(contents: [UInt8]) throws(TextfileWriterError) {
        let directory = Self.directory(of: path)
        var template = Array((directory + "/." + Self.baseName(of: path) + ".tmp.XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        // mkstemp replaced the Xs in place.
        let tempPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard fd >= 0 else {
            throw failure(.createTemporaryFile, directory, "cannot create a temporary file in \(directory)")
        }
        var closed = false
        func abandon(_ error: TextfileWriterError) -> TextfileWriterError {
            if !closed { close(fd) }
            unlink(tempPath)
            return error
        }
        guard fchmod(fd, 0o644) == 0 else { throw abandon(failure(.setPermissions, tempPath, "cannot set mode 0644")) }
        var written = 0
        while written < contents.count {
            let result = contents.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return systemWrite(fd, base + written, raw.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw abandon(failure(.write, tempPath, "cannot write \(contents.count) bytes (\(written) written)"))
            }
            written += result
        }
        guard fsync(fd) == 0 else { throw abandon(failure(.syncFile, tempPath, "cannot fsync")) }
        closed = true
        guard close(fd) == 0 else { throw abandon(failure(.write, tempPath, "cannot close")) }
        guard rename(tempPath, path) == 0 else {
            throw abandon(failure(.rename, path, "cannot rename \(tempPath) to \(path)"))
        }
        let dirFD = open(directory, O_RDONLY | O_DIRECTORY)
        guard dirFD >= 0 else { throw failure(.syncDirectory, directory, "cannot open the directory to fsync it") }
        defer { close(dirFD) }
        guard fsync(dirFD) == 0 else { throw failure(.syncDirectory, directory, "cannot fsync the directory") }
    }

    /// `write(2)`; the method named `write` hides the C function inside this type.
    private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.write(fd, bytes, count)
        #else
        return Darwin.write(fd, bytes, count)
        #endif
    }

    /// An error for the current `errno`.
    private func failure(_ code: TextfileWriterError.Code, _ path: String, _ what: String) -> TextfileWriterError {
        let number = errno
        let reason = String(cString: strerror(number))
        return TextfileWriterError(code: code, path: path, errno: number, message: "\(what): \(reason) (errno \(number))")
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func baseName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
