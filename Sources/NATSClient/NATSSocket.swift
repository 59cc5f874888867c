import Glibc
import Synchronization

/// Asks a blocking exchange to stop at its next wait (within 100 ms).
public final class NATSCancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    /// A flag not yet raised.
    public init() {}

    /// Raises the flag.
    public func cancel() { flag.store(true, ordering: .relaxed) }

    /// Whether `cancel()` was called.
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

/// A TCP connection with every wait bounded by a deadline: the descriptor is non-blocking
/// and each wait is a `poll` of at most 100 ms, so a deadline or a cancellation is noticed
/// promptly. Used by one thread at a time (its `NATSConnection`'s).
final class NATSSocket {
    private var descriptor: Int32
    let server: NATSServerURL
    private let cancellation: NATSCancellation

    private init(descriptor: Int32, server: NATSServerURL, cancellation: NATSCancellation) {
        self.descriptor = descriptor
        self.server = server
        self.cancellation = cancellation
    }

    deinit { shutDown() }

    /// Connects to `server`, trying each address its name resolves to.
    /// - Throws: `.connectFailed`, `.timedOut` or `.cancelled`.
    static func connect(
        to server: NATSServerURL, deadline: ContinuousClock.Instant, cancellation: NATSCancellation
    ) throws(NATSError) -> NATSSocket {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        // Name resolution blocks without a bound of ours; loopback and IP addresses resolve at once.
        let resolved = getaddrinfo(server.host, String(server.port), &hints, &list)
        guard resolved == 0, let first = list else {
            let why = String(cString: gai_strerror(resolved))
            throw NATSError(kind: .connectFailed, message: "\(server): cannot resolve the host (\(why))")
        }
        defer { freeaddrinfo(list) }
        var lastError = NATSError(kind: .connectFailed, message: "\(server): no address to connect to")
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            let fd = socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
            guard fd >= 0 else {
                lastError = NATSError(kind: .connectFailed, message: "\(server): socket() failed (\(errnoText(errno)))")
                continue
            }
            // Owns fd from here: closed on deinit when this address fails.
            let candidate = NATSSocket(descriptor: fd, server: server, cancellation: cancellation)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            if Glibc.connect(fd, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 { return candidate }
            let code = errno
            guard code == EINPROGRESS else {
                lastError = NATSError(kind: .connectFailed, message: "\(server): \(errnoText(code))")
                continue
            }
            try candidate.wait(for: Int16(POLLOUT), deadline: deadline, doing: "connecting to")
            var failure: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            _ = getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &length)
            if failure == 0 { return candidate }
            lastError = NATSError(kind: .connectFailed, message: "\(server): \(errnoText(failure))")
        }
        throw lastError
    }

    /// Writes all of `bytes`.
    /// - Throws: `.closed`, `.timedOut` or `.cancelled`.
    func send(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(NATSError) {
        var offset = 0
        while offset < bytes.count {
            let fd = descriptor
            let start = offset
            let written = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Glibc.send(fd, base + start, raw.count - start, Int32(MSG_NOSIGNAL))
            }
            let code = errno
            if written > 0 {
                offset += written
            } else if written < 0 && (code == EAGAIN || code == EWOULDBLOCK || code == EINTR) {
                try wait(for: Int16(POLLOUT), deadline: deadline, doing: "sending to")
            } else {
                throw NATSError(kind: .closed, message: "\(server): the connection broke while sending (\(errnoText(code)))")
            }
        }
    }

    /// Appends at least one received byte to `buffer`.
    /// - Throws: `.closed` when the server closed the connection, `.timedOut`, `.cancelled`.
    func receive(into buffer: inout [UInt8], deadline: ContinuousClock.Instant) throws(NATSError) {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let fd = descriptor
            let count = chunk.withUnsafeMutableBytes { raw in Glibc.recv(fd, raw.baseAddress, raw.count, 0) }
            let code = errno
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
                return
            }
            if count == 0 {
                throw NATSError(kind: .closed, message: "\(server) closed the connection")
            }
            guard code == EAGAIN || code == EWOULDBLOCK || code == EINTR else {
                throw NATSError(kind: .closed, message: "\(server): the connection broke while receiving (\(errnoText(code)))")
            }
            try wait(for: Int16(POLLIN), deadline: deadline, doing: "waiting for an answer from")
        }
    }

    /// Closes the descriptor (idempotent).
    func shutDown() {
        if descriptor >= 0 {
            Glibc.close(descriptor)
            descriptor = -1
        }
    }

    /// Waits until the descriptor is ready for `events` (or in error: the next call says which).
    private func wait(for events: Int16, deadline: ContinuousClock.Instant, doing what: String) throws(NATSError) {
        while true {
            if cancellation.isCancelled { throw NATSError(kind: .cancelled, message: "cancelled while \(what) \(server)") }
            let remaining = deadline - ContinuousClock.now
            if remaining <= .zero { throw NATSError(kind: .timedOut, message: "timed out \(what) \(server)") }
            let slice = min(remaining, .milliseconds(100))
            let milliseconds = slice.components.seconds * 1000 + slice.components.attoseconds / 1_000_000_000_000_000
            var request = pollfd(fd: descriptor, events: events, revents: 0)
            let ready = poll(&request, 1, Int32(max(1, milliseconds)))
            if ready > 0 { return }
            let code = errno
            if ready < 0 && code != EINTR {
                throw NATSError(kind: .closed, message: "\(server): poll failed (\(errnoText(code)))")
            }
        }
    }
}

/// `strerror` text for an errno value.
func errnoText(_ code: Int32) -> String { String(cString: strerror(code)) }
