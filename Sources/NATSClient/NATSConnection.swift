import Foundation

/// A client connection to one NATS server, speaking the text protocol over TCP.
///
/// Every call blocks its thread until the server has answered or the deadline passes, and
/// holds `lock` for its whole exchange, so calls from different tasks never interleave on the
/// socket (hence `@unchecked Sendable`). Async callers use `NATSExchange`, which runs the calls
/// on a thread of its own.
public final class NATSConnection: @unchecked Sendable {
    /// The server connected to.
    public let server: NATSServerURL
    /// What it said in `INFO`.
    public let info: NATSServerInfo
    private let socket: NATSSocket
    private let lock = NSLock()
    /// Received bytes not parsed yet (guarded by `lock`).
    private var buffer: [UInt8]

    /// A control line longer than this is not the NATS protocol (nats-server's own limit is 4 KiB).
    static let maxControlLine = 64 * 1024

    private init(server: NATSServerURL, info: NATSServerInfo, socket: NATSSocket, buffer: [UInt8]) {
        self.server = server
        self.info = info
        self.socket = socket
        self.buffer = buffer
    }

    deinit { socket.shutDown() }

    /// Connects to the first of `servers` that accepts the connection and the credentials:
    /// reads `INFO`, sends `CONNECT` and `PING`, and waits for `PONG` (a server that refuses
    /// the credentials answers `-ERR 'Authorization Violation'` instead).
    /// - Throws: the failure of the last server tried; its kind is retryable unless every
    ///   server refused for a reason retrying cannot cure (credentials, TLS).
    public static func connect(
        to servers: [NATSServerURL], options: NATSConnectOptions, deadline: ContinuousClock.Instant,
        cancellation: NATSCancellation = NATSCancellation()
    ) throws(NATSError) -> NATSConnection {
        var failures: [NATSError] = []
        for server in servers {
            do throws(NATSError) {
                return try handshake(server, options: options, deadline: deadline, cancellation: cancellation)
            } catch {
                failures.append(error)
                if error.kind == .timedOut || error.kind == .cancelled { break }
            }
        }
        guard let last = failures.last else {
            throw NATSError(kind: .invalidRequest, message: "no NATS server to connect to")
        }
        if failures.count == 1 { throw last }
        let kind = failures.allSatisfy { !$0.isRetryable } ? last.kind : NATSError.Kind.connectFailed
        throw NATSError(kind: kind, message: failures.map(\.message).joined(separator: "; "))
    }

    private static func handshake(
        _ server: NATSServerURL, options: NATSConnectOptions, deadline: ContinuousClock.Instant,
        cancellation: NATSCancellation
    ) throws(NATSError) -> NATSConnection {
        let socket = try NATSSocket.connect(to: server, deadline: deadline, cancellation: cancellation)
        var buffer: [UInt8] = []
        let first = try readLine(socket, &buffer, deadline: deadline)
        guard case .info(let json) = try NATSServerOp.parse(first) else {
            throw NATSError(kind: .protocolViolation, message: "\(server) did not start with INFO")
        }
        let info = try NATSServerInfo.parse(json)
        if info.tlsRequired == true {
            throw NATSError(kind: .invalidRequest, message: "\(server) requires TLS, which binwatch's NATS client does not speak")
        }
        let connection = NATSConnection(server: server, info: info, socket: socket, buffer: buffer)
        try connection.locked { () throws(NATSError) in
            try connection.socket.send(options.connectLine() + Array("PING\r\n".utf8), deadline: deadline)
            while true {
                if case .pong = try connection.nextIncoming(deadline: deadline) { return }
            }
        }
        return connection
    }

    /// Subscribes to `subject` with subscription id `sid`.
    public func subscribe(_ subject: String, sid: String, deadline: ContinuousClock.Instant) throws(NATSError) {
        try locked { () throws(NATSError) in
            try socket.send(Array("SUB \(subject) \(sid)\r\n".utf8), deadline: deadline)
        }
    }

    /// Publishes `payload` to `subject` (`PUB`, or `HPUB` when there are headers). Sent, not
    /// yet confirmed: `flush` confirms it.
    /// - Throws: `.invalidRequest` for a subject that cannot be published to, headers the
    ///   server does not support, or a message over its `max_payload`.
    public func publish(
        _ subject: String, replyTo: String? = nil, headers: [NATSHeader] = [], payload: [UInt8],
        deadline: ContinuousClock.Instant
    ) throws(NATSError) {
        if let problem = NATSSubject.publishProblem(subject) {
            throw NATSError(kind: .invalidRequest, message: "cannot publish to \(problem)")
        }
        let reply = replyTo.map { " " + $0 } ?? ""
        var frame: [UInt8]
        var size = payload.count
        if headers.isEmpty {
            frame = Array("PUB \(subject)\(reply) \(payload.count)\r\n".utf8)
        } else {
            guard info.headers == true else {
                throw NATSError(kind: .invalidRequest, message: "\(server) does not support message headers (NATS 2.2 or later does)")
            }
            let block = try NATSHeaderBlock.encode(headers)
            size += block.count
            frame = Array("HPUB \(subject)\(reply) \(block.count) \(size)\r\n".utf8) + block
        }
        if let limit = info.maxPayload, limit > 0, size > limit {
            throw NATSError(
                kind: .invalidRequest,
                message: "a message of \(size) bytes is over the max_payload of \(server), \(limit) bytes")
        }
        frame += payload
        frame += Array("\r\n".utf8)
        let bytes = frame
        try locked { () throws(NATSError) in try socket.send(bytes, deadline: deadline) }
    }

    /// Sends `PING` and waits for `PONG`: everything sent before was processed by the server.
    /// - Returns: the messages that arrived meanwhile, in order.
    /// - Throws: the server's `-ERR` (a publish it refused), `.closed`, `.timedOut`.
    public func flush(deadline: ContinuousClock.Instant) throws(NATSError) -> [NATSMessage] {
        try locked { () throws(NATSError) -> [NATSMessage] in
            try socket.send(Array("PING\r\n".utf8), deadline: deadline)
            var messages: [NATSMessage] = []
            while true {
                switch try nextIncoming(deadline: deadline) {
                case .pong: return messages
                case .message(let message): messages.append(message)
                }
            }
        }
    }

    /// Waits for the next message on any subscription.
    /// - Throws: the server's `-ERR`, `.closed`, `.timedOut`.
    public func nextMessage(deadline: ContinuousClock.Instant) throws(NATSError) -> NATSMessage {
        try locked { () throws(NATSError) -> NATSMessage in
            while true {
                if case .message(let message) = try nextIncoming(deadline: deadline) { return message }
            }
        }
    }

    /// Closes the connection.
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        socket.shutDown()
    }

    private enum Incoming {
        case message(NATSMessage)
        case pong
    }

    /// The next operation the caller must see, answering the server's `PING`s on the way.
    private func nextIncoming(deadline: ContinuousClock.Instant) throws(NATSError) -> Incoming {
        while true {
            let line = try Self.readLine(socket, &buffer, deadline: deadline)
            switch try NATSServerOp.parse(line) {
            case .ping: try socket.send(Array("PONG\r\n".utf8), deadline: deadline)
            case .pong: return .pong
            case .ok, .info: continue
            case .err(let text): throw NATSError.serverError(text, from: server)
            case .msg(let subject, _, let replyTo, let size):
                let payload = try readPayload(size, deadline: deadline)
                return .message(NATSMessage(subject: subject, replyTo: replyTo, payload: payload))
            case .hmsg(let subject, _, let replyTo, let headerSize, let totalSize):
                let bytes = try readPayload(totalSize, deadline: deadline)
                let head = try NATSHeaderBlock.decode(bytes[0..<headerSize])
                return .message(NATSMessage(
                    subject: subject, replyTo: replyTo, headers: head.headers, status: head.status,
                    statusDescription: head.description, payload: Array(bytes[headerSize...])))
            }
        }
    }

    /// `size` bytes of payload and the CRLF after them.
    private func readPayload(_ size: Int, deadline: ContinuousClock.Instant) throws(NATSError) -> [UInt8] {
        guard size <= 64 * 1024 * 1024 else {
            throw NATSError(kind: .protocolViolation, message: "\(server) announced a message of \(size) bytes")
        }
        while buffer.count < size + 2 { try socket.receive(into: &buffer, deadline: deadline) }
        guard buffer[size] == 13, buffer[size + 1] == 10 else {
            throw NATSError(kind: .protocolViolation, message: "a message from \(server) not ended by CRLF")
        }
        let payload = Array(buffer[0..<size])
        buffer.removeFirst(size + 2)
        return payload
    }

    /// The next CRLF-terminated line, without its CRLF.
    private static func readLine(
        _ socket: NATSSocket, _ buffer: inout [UInt8], deadline: ContinuousClock.Instant
    ) throws(NATSError) -> String {
        var searched = 0
        while true {
            var index = max(0, searched - 1)
            while index + 1 < buffer.count {
                if buffer[index] == 13 && buffer[index + 1] == 10 {
                    let line = String(decoding: buffer[0..<index], as: UTF8.self)
                    buffer.removeFirst(index + 2)
                    return line
                }
                index += 1
            }
            searched = buffer.count
            if buffer.count > maxControlLine {
                throw NATSError(kind: .protocolViolation, message: "a line of over \(maxControlLine) bytes from \(socket.server)")
            }
            try socket.receive(into: &buffer, deadline: deadline)
        }
    }

    private func locked<T>(_ body: () throws(NATSError) -> T) throws(NATSError) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
