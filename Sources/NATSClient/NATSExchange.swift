import Foundation

/// One-shot NATS exchanges for async callers: each call opens a connection, does its
/// exchange and closes it, all on a thread of its own (bridged back with a continuation), so
/// no Swift executor ever waits on the network and two slow servers never serialise, as
/// `CurlHTTPClient` does for HTTP. One connection per exchange keeps no state between
/// notifications to go stale, at the price of a TCP and CONNECT round trip each time.
public enum NATSExchange {
    /// Stack size of an exchange thread; the client needs little.
    private static let threadStackSize = 256 * 1024

    /// Publishes one message and waits until the server has processed it: `PUB` (or `HPUB`)
    /// then `PING`; the `PONG` proves the publish was accepted, a `-ERR` before it that it
    /// was not.
    /// - Parameters:
    ///   - servers: tried in order until one accepts the connection.
    ///   - timeout: bounds the whole exchange, connection included.
    /// - Throws: `NATSError`; cancelling the calling task stops the exchange within 100 ms.
    public static func publish(
        _ subject: String, headers: [NATSHeader] = [], payload: [UInt8], servers: [NATSServerURL],
        options: NATSConnectOptions, timeout: Duration
    ) async throws(NATSError) {
        try await onThread { (cancellation: NATSCancellation) throws(NATSError) -> Void in
            let deadline = ContinuousClock.now + timeout
            let connection = try NATSConnection.connect(
                to: servers, options: options, deadline: deadline, cancellation: cancellation)
            defer { connection.close() }
            try connection.publish(subject, headers: headers, payload: payload, deadline: deadline)
            _ = try connection.flush(deadline: deadline)
        }
    }

    /// Sends a request and returns the first answer: subscribes to a fresh `_INBOX.<random>`
    /// subject, publishes with it as the reply subject, and waits for the message there (a
    /// JetStream publish acknowledgement, a JetStream API response, or a 503 status when
    /// nobody serves the subject).
    /// - Throws: `NATSError` (`.timedOut` when no answer came in time).
    public static func request(
        _ subject: String, headers: [NATSHeader] = [], payload: [UInt8], servers: [NATSServerURL],
        options: NATSConnectOptions, timeout: Duration
    ) async throws(NATSError) -> NATSMessage {
        try await onThread { (cancellation: NATSCancellation) throws(NATSError) -> NATSMessage in
            let deadline = ContinuousClock.now + timeout
            let connection = try NATSConnection.connect(
                to: servers, options: options, deadline: deadline, cancellation: cancellation)
            defer { connection.close() }
            let inbox = "_INBOX." + UUID().uuidString.replacingOccurrences(of: "-", with: "")
            try connection.subscribe(inbox, sid: "1", deadline: deadline)
            try connection.publish(subject, replyTo: inbox, headers: headers, payload: payload, deadline: deadline)
            while true {
                let message = try connection.nextMessage(deadline: deadline)
                if message.subject == inbox { return message }
            }
        }
    }

    /// Runs `body` on a new thread; cancelling the calling task raises its cancellation flag.
    /// - Throws: what `body` throws.
    public static func onThread<T: Sendable>(
        _ body: @escaping @Sendable (NATSCancellation) throws(NATSError) -> T
    ) async throws(NATSError) -> T {
        let cancellation = NATSCancellation()
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, NATSError>, Never>) in
                let thread = Thread {
                    continuation.resume(returning: Result { () throws(NATSError) -> T in try body(cancellation) })
                }
                thread.stackSize = threadStackSize
                thread.name = "binwatch-nats"
                thread.start()
            }
        } onCancel: {
            cancellation.cancel()
        }
        return try result.get()
    }
}
