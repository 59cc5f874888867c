import Model

/// Why a notification attempt failed, and whether trying again may help.
///
/// A struct over an extensible `Kind` (new kinds never break callers). `message` never
/// holds a secret: URLs appear as `scheme://host[:port]` only, and keys never at all.
public struct NotifyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The category of failure.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        /// No response: connection refused, timeout, reset.
        public static let transport = Kind(name: "transport")
        /// The receiver answered with a non-2xx status.
        public static let status = Kind(name: "status")
        /// A custom template failed to render.
        public static let template = Kind(name: "template")
        /// The request could not be built (bad URL, unreadable secret file).
        public static let request = Kind(name: "request")
        /// The sending task was cancelled.
        public static let cancelled = Kind(name: "cancelled")
        /// The receiver refused the credentials or the message without an HTTP status (a NATS
        /// server's `-ERR 'Authorization Violation'` or `'Permissions Violation …'`).
        public static let refused = Kind(name: "refused")
        /// The kind's name.
        public var description: String { name }
    }

    /// The category.
    public var kind: Kind
    /// What went wrong; free of secrets.
    public var message: String
    /// The HTTP status, when the receiver answered.
    public var statusCode: Int?
    /// The wait the receiver asked for (429 `Retry-After`), if any.
    public var retryAfter: Duration?
    /// Whether sending again later may succeed (transport errors, 5xx, 429).
    public var isRetryable: Bool

    /// Creates an error. Non-status kinds default to retryable only for `.transport`.
    public init(
        kind: Kind, message: String, statusCode: Int? = nil, retryAfter: Duration? = nil, isRetryable: Bool? = nil
    ) {
        self.kind = kind
        self.message = message
        self.statusCode = statusCode
        self.retryAfter = retryAfter
        self.isRetryable = isRetryable ?? (kind == .transport)
    }

    /// The `reason` label of `binwatch_notifications_failed_total`, as Alertmanager's
    /// `ErrorWithReason` names them: `clientError`, `serverError`, `transport`, `other`.
    public var reason: String {
        if let statusCode {
            if (400..<500).contains(statusCode) { return "clientError" }
            if (500..<600).contains(statusCode) { return "serverError" }
        }
        // A refusal is what a 4xx is for HTTP: the request needs changing, not repeating.
        if kind == .refused { return "clientError" }
        return kind == .transport ? "transport" : "other"
    }

    /// `kind: message`.
    public var description: String { "\(kind): \(message)" }
}
