/// An HTTP request for an `HTTPTransport`.
///
/// The URL is kept as a string and never printed: webhook URLs (Slack's
/// `https://hooks.slack.com/services/T…/B…/secret`) carry their secret in the path,
/// so `description` and every error show only `scheme://host[:port]`.
public struct HTTPRequest: Sendable, CustomStringConvertible {
    /// The request method.
    public enum Method: String, Sendable, Hashable {
        case get = "GET"
        case head = "HEAD"
        case post = "POST"
        case put = "PUT"
        case patch = "PATCH"
        case delete = "DELETE"
    }

    /// The method; `.head` asks for no body.
    public var method: Method
    /// The absolute `http://` or `https://` URL. Treated as a secret.
    public var url: String
    /// Request header fields; names and values must not contain CR or LF.
    public var headers: HTTPHeaders
    /// The request body, sent when non-empty (or always for POST, PUT and PATCH).
    public var body: [UInt8]
    /// Longest time to establish the connection (TCP and TLS).
    public var connectTimeout: Duration
    /// Longest time for the whole transfer, connection included.
    public var timeout: Duration
    /// Whether to follow 3xx redirects (at most `maxRedirects`). Off by default so a
    /// webhook POST is never silently re-sent elsewhere.
    public var followRedirects: Bool
    /// Most redirects followed when `followRedirects` is on.
    public var maxRedirects: Int
    /// A PEM bundle of CA certificates to trust instead of the system's; TLS peer and
    /// host verification stay on either way.
    public var caFile: String?
    /// Largest response body accepted; a longer one fails with `.responseTooLarge`.
    public var maxResponseBytes: Int
    /// TLS client certificate and key (PEM files) for servers that ask for one.
    public var clientCertificateFile: String?, clientKeyFile: String?
    /// The name the server's certificate is checked against (and sent as SNI) instead of
    /// the URL's host, as Go's `tls_config.server_name`; the connection still goes to the URL's host.
    public var serverName: String?
    /// Skips certificate and host verification (`insecure_skip_verify`). Off unless asked for.
    public var insecureSkipVerify: Bool = false
    /// An explicit proxy URL (`http_config.proxy_url`); nil leaves libcurl to the
    /// http_proxy/https_proxy/no_proxy environment. Treated as a secret (it may hold credentials).
    public var proxyURL: String?

    /// Creates a request with the default timeouts (connect 10s, total 30s).
    public init(
        method: Method = .get,
        url: String,
        headers: HTTPHeaders = [:],
        body: [UInt8] = [],
        connectTimeout: Duration = .seconds(10),
        timeout: Duration = .seconds(30),
        followRedirects: Bool = false,
        maxRedirects: Int = 5,
        caFile: String? = nil,
        maxResponseBytes: Int = 64 << 20
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.followRedirects = followRedirects
        self.maxRedirects = maxRedirects
        self.caFile = caFile
        self.maxResponseBytes = maxResponseBytes
    }

    /// The URL without user info, path, query or fragment: what logs and errors show.
    public var redactedOrigin: String {
        RedactedURL(url).origin
    }

    /// `METHOD scheme://host[:port]`, never the path or query.
    public var description: String {
        "\(method.rawValue) \(redactedOrigin)"
    }
}
