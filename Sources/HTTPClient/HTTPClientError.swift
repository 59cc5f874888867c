/// Why an HTTP exchange failed.
///
/// `code` is libcurl's `CURLcode` for transport failures and the HTTP status for
/// `.unexpectedStatus`. `message` names the request as `METHOD scheme://host[:port]`
/// only: the URL's user info, path and query (where webhook secrets live) are never
/// part of it, and libcurl's own text is scrubbed of them too.
public struct HTTPClientError: Error, Sendable, CustomStringConvertible {
    /// The category of failure; a struct so that new kinds do not break callers.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case invalidRequest, connectFailed, timedOut, cancelled, tls
            case responseTooLarge, tooManyRedirects, transport, unexpectedStatus
        }
        private let base: Base

        /// The request cannot be sent as given (bad URL, scheme, header, option).
        public static let invalidRequest = Kind(base: .invalidRequest)
        /// The host did not resolve or the TCP connection failed (refused, unreachable).
        public static let connectFailed = Kind(base: .connectFailed)
        /// The connect timeout or the total timeout elapsed.
        public static let timedOut = Kind(base: .timedOut)
        /// The calling task was cancelled and the transfer aborted.
        public static let cancelled = Kind(base: .cancelled)
        /// TLS handshake or certificate verification failed.
        public static let tls = Kind(base: .tls)
        /// The response body exceeded `HTTPRequest.maxResponseBytes`.
        public static let responseTooLarge = Kind(base: .responseTooLarge)
        /// More redirects than `HTTPRequest.maxRedirects`.
        public static let tooManyRedirects = Kind(base: .tooManyRedirects)
        /// Any other transfer failure (connection reset, empty reply, send/receive error).
        public static let transport = Kind(base: .transport)
        /// The server answered with a status the caller does not accept.
        public static let unexpectedStatus = Kind(base: .unexpectedStatus)

        /// The kind's name, e.g. `timedOut`.
        public var description: String { base.rawValue }
    }

    /// The category of failure.
    public let kind: Kind
    /// `CURLcode` for transport failures, the HTTP status for `.unexpectedStatus`,
    /// 0 for failures found before libcurl ran.
    public let code: Int
    /// A human-readable message holding no secret part of the URL.
    public let message: String

    /// Creates an error; `message` must already be free of secrets.
    public init(kind: Kind, code: Int, message: String) {
        self.kind = kind
        self.code = code
        self.message = message
    }

    /// The error for a response whose status the caller rejects, quoting at most the
    /// first 200 bytes of the body (receivers put the reason there).
    public static func unexpectedStatus(_ response: HTTPResponse, for request: HTTPRequest) -> HTTPClientError {
        let redacted = RedactedURL(request.url)
        let snippet = redacted.scrub(String(decoding: response.body.prefix(200), as: UTF8.self))
        let suffix = snippet.isEmpty ? "" : ": \(snippet)"
        return HTTPClientError(
            kind: .unexpectedStatus, code: response.status,
            message: "\(request.method.rawValue) \(redacted.origin): HTTP status \(response.status)\(suffix)")
    }

    /// Whether sending again later may succeed, as Alertmanager's retrier decides:
    /// network failures, timeouts, 5xx and 429 yes; other 4xx, bad requests and
    /// TLS failures no.
    public var isRetryable: Bool {
        switch kind {
        case .connectFailed, .timedOut, .transport: return true
        case .unexpectedStatus: return code == 429 || (500..<600).contains(code)
        default: return false
        }
    }

    /// `kind (code): message`.
    public var description: String { "\(kind) (\(code)): \(message)" }
}
