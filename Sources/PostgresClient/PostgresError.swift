/// What went wrong talking to PostgreSQL: the kind, the SQLSTATE when the server sent
/// one, and libpq's or the server's message with any password redacted.
///
/// A struct rather than an enum so that new kinds never break callers that only print it,
/// as STYLE.md asks of I/O errors.
public struct PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad class of failure, for callers that react differently to each.
    public enum Kind: String, Sendable, Equatable {
        /// The connection string could not be parsed (never echoed: it may hold a password).
        case invalidConnectionString
        /// Connecting failed, or the connection broke; `pg_up` is 0.
        case connection
        /// The server rejected or failed the statement (syntax, permissions, read-only…).
        case query
        /// The statement ran past its timeout and was cancelled on the server.
        case timeout
        /// The caller's task was cancelled and the statement was cancelled on the server.
        case canceled
        /// A result column could not be read as the caller asked (e.g. not numeric).
        case conversion
    }

    /// What failed.
    public var kind: Kind
    /// The SQLSTATE (`42P01`, `57014`, `25006`…), when the server sent one.
    public var code: String?
    /// The human-readable message, without libpq's trailing newline and with secrets redacted.
    public var message: String

    /// An error of `kind` with the server's SQLSTATE `code`, if any, and an already-redacted `message`.
    public init(kind: Kind, code: String? = nil, message: String) {
        self.kind = kind
        self.code = code
        self.message = message
    }

    /// `ERROR: relation "x" does not exist (SQLSTATE 42P01)` style: the server's words first.
    public var description: String {
        guard let code else { return message }
        return "\(message) (SQLSTATE \(code))"
    }

    /// True for failures that mean the server is unreachable or the session is gone.
    public var isConnectionFailure: Bool { kind == .connection || kind == .invalidConnectionString }
}
