/// One message for an SMTP server, sent with libcurl's `smtp://` / `smtps://`.
///
/// `description` and every error name the server only (`smtp://host:port`); the password
/// never appears in either.
public struct SMTPRequest: Sendable, CustomStringConvertible {
    /// The server's host name or IP address (an IPv6 address without brackets).
    public var host: String
    /// The server's port.
    public var port: Int
    /// TLS from the first byte (`smtps://`, port 465 by Alertmanager's rule) instead of plain SMTP.
    public var implicitTLS = false
    /// Fail unless the session is upgraded with STARTTLS before anything is sent (`require_tls`).
    public var requireSTARTTLS = true
    /// The name sent with EHLO (`hello`).
    public var hello = "localhost"
    /// The SASL user; nil or empty: no authentication.
    public var username: String?
    /// The password (PLAIN, LOGIN) or shared secret (CRAM-MD5). Never printed.
    public var password: String?
    /// The authorization identity of AUTH PLAIN (`auth_identity`).
    public var authorizationIdentity: String?
    /// The SASL mechanisms allowed, in libcurl's `AUTH=` form (`["PLAIN", "LOGIN"]`); empty: any.
    public var mechanisms: [String] = []
    /// The envelope sender (an address, without angle brackets).
    public var from: String
    /// The envelope recipients.
    public var recipients: [String]
    /// The whole message (header fields, blank line, body) with CRLF line ends.
    public var message: [UInt8]
    /// Longest time to establish the connection (TCP and TLS).
    public var connectTimeout: Duration = .seconds(10)
    /// Longest time for the whole session.
    public var timeout: Duration = .seconds(30)
    /// A PEM bundle of CA certificates to trust instead of the system's.
    public var caFile: String?
    /// TLS client certificate and key (PEM files).
    public var clientCertificateFile: String?, clientKeyFile: String?
    /// The name the certificate is checked against instead of `host` (`tls_config.server_name`).
    public var serverName: String?
    /// Skips certificate and host verification (`insecure_skip_verify`).
    public var insecureSkipVerify = false

    /// Creates a request with Alertmanager's defaults: STARTTLS required, EHLO `localhost`.
    public init(host: String, port: Int, from: String, recipients: [String], message: [UInt8]) {
        self.host = host
        self.port = port
        self.from = from
        self.recipients = recipients
        self.message = message
    }

    /// `smtp[s]://host:port/HELLO`: libcurl takes the URL's path as the EHLO name (an empty
    /// one is `localhost`, Go's default too).
    var url: String {
        let authority = host.contains(":") ? "[\(host)]" : host
        let path = Self.percentEncoded(hello.isEmpty ? "localhost" : hello)
        return "\(implicitTLS ? "smtps" : "smtp")://\(authority):\(port)/\(path)"
    }

    /// `smtp://host:port`, what messages show.
    public var description: String {
        "\(implicitTLS ? "smtps" : "smtp")://\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }

    /// Unreserved characters kept, every other byte `%XX` (libcurl URL-decodes the path).
    private static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80 && (c.isLetter || c.isNumber || c == "-" || c == "." || c == "_" || c == "~") {
                out.append(c)
            } else {
                out += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0x0F, radix: 16, uppercase: true)
            }
        }
        return out
    }
}

/// Something that delivers one message to an SMTP server: `CurlSMTPClient` with libcurl.
/// Notify's email integration depends on this seam.
public protocol SMTPTransport: Sendable {
    /// Runs one SMTP session (EHLO, STARTTLS, AUTH, MAIL, RCPT…, DATA), never blocking the
    /// caller's executor. Cancelling the calling task aborts it.
    /// - Throws: `HTTPClientError`: `.connectFailed`, `.timedOut`, `.tls` (a refused
    ///   STARTTLS included), `.transport` for a server's refusal (its reply in the message).
    func send(_ request: SMTPRequest) async throws(HTTPClientError)
}

/// The libcurl implementation of `SMTPTransport`.
public struct CurlSMTPClient: SMTPTransport {
    /// Creates a client; requests carry their own options.
    public init() {}

    /// Sends one message.
    public func send(_ request: SMTPRequest) async throws(HTTPClientError) {
        let result = await CurlThread.run(name: "binwatch-smtp") { cancellation in
            CurlSMTP.perform(request, cancellation: cancellation)
        }
        try result.get()
    }
}
