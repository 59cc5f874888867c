import Synchronization

/// Set by the task's cancellation handler, read by libcurl's progress callback on the
/// transfer's worker thread; an atomic because the two run on different threads.
final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    /// Asks the transfer to abort at its next progress callback.
    func cancel() { flag.store(true, ordering: .relaxed) }

    /// Whether `cancel()` was called.
    var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

/// What libcurl's callbacks fill in during one transfer. Only the worker thread
/// running that transfer touches it (the callbacks run inside curl_easy_perform),
/// so it needs no lock; it is handed to C as an `Unmanaged` context pointer.
final class TransferState {
    let cancellation: CancellationFlag
    let maxBodyBytes: Int
    var body: [UInt8] = []
    var headers = HTTPHeaders()
    var overflowed = false

    init(cancellation: CancellationFlag, maxBodyBytes: Int) {
        self.cancellation = cancellation
        self.maxBodyBytes = maxBodyBytes
    }

    /// Appends body bytes; false (and `overflowed`) past the size limit.
    func appendBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard body.count + bytes.count <= maxBodyBytes else {
            overflowed = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// Takes one raw header line as libcurl delivers it (status line, field, blank).
    /// A status line starts a new header block: an interim `100 Continue` or a
    /// followed redirect is replaced by the final response's fields.
    func appendHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingSpaces
        if line.hasPrefix("HTTP/") {
            headers = HTTPHeaders()
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = String(line[..<colon]).trimmingSpaces
        let value = String(line[line.index(after: colon)...]).trimmingSpaces
        guard !name.isEmpty else { return }
        headers.add(name: name, value: value)
    }
}
