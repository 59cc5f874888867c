/// Why a NATS exchange failed.
///
/// `message` names the server as `nats://host:port` only (URLs with credentials are refused
/// before they get here) and quotes the server's own `-ERR` text, which never echoes a
/// password or token.
public struct NATSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The category of failure; a struct so that new kinds do not break callers.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private let name: String

        /// The exchange cannot be made as asked (bad subject, a message over the server's
        /// `max_payload`, a server that requires TLS or lacks headers).
        public static let invalidRequest = Kind(name: "invalidRequest")
        /// No server could be reached (name not resolved, connection refused).
        public static let connectFailed = Kind(name: "connectFailed")
        /// The deadline passed before the exchange finished.
        public static let timedOut = Kind(name: "timedOut")
        /// The calling task was cancelled.
        public static let cancelled = Kind(name: "cancelled")
        /// The connection closed or broke in the middle of the exchange.
        public static let closed = Kind(name: "closed")
        /// The server refused the credentials (`-ERR 'Authorization Violation'`).
        public static let authorization = Kind(name: "authorization")
        /// The credentials may not publish or subscribe there (`-ERR 'Permissions Violation …'`).
        public static let permission = Kind(name: "permission")
        /// Any other `-ERR` from the server (too many connections, a stale connection).
        public static let server = Kind(name: "server")
        /// The server sent something that is not the NATS protocol.
        public static let protocolViolation = Kind(name: "protocolViolation")
        /// Nobody listens on a request's subject (a `503` status: no JetStream stream holds it).
        public static let noResponders = Kind(name: "noResponders")
        /// JetStream answered a publish with an error instead of an acknowledgement.
        public static let jetStream = Kind(name: "jetStream")

        /// The kind's name, e.g. `timedOut`.
        public var description: String { name }
    }

    /// The category of failure.
    public let kind: Kind
    /// What went wrong, free of secrets.
    public let message: String

    /// Creates an error; `message` must already be free of secrets.
    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    /// Whether trying again later may succeed: an unreachable, closing or slow server, a
    /// stream not created yet or a JetStream error may recover; refused credentials or
    /// permissions, a bad request and a cancelled task do not (a config change is needed).
    public var isRetryable: Bool {
        [Kind.connectFailed, .timedOut, .closed, .server, .protocolViolation, .noResponders, .jetStream].contains(kind)
    }

    /// `kind: message`.
    public var description: String { "\(kind): \(message)" }

    /// The error for a server's `-ERR 'text'`, classified by the texts nats-server sends.
    static func serverError(_ text: String, from server: NATSServerURL) -> NATSError {
        let lower = text.lowercased()
        let kind: Kind
        if lower.contains("authorization violation") || lower.contains("authentication expired")
            || lower.contains("authentication revoked")
        {
            kind = .authorization
        } else if lower.hasPrefix("permissions violation") {
            kind = .permission
        } else if lower.contains("maximum payload") {
            kind = .invalidRequest
        } else {
            kind = .server
        }
        return NATSError(kind: kind, message: "\(server) answered -ERR '\(text)'")
    }
}
