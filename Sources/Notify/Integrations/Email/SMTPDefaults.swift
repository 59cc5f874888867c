import ConfigYAML
public import Model

/// An SMTP server's `host:port`, as Alertmanager's `HostPort` reads `smarthost`.
public struct SMTPSmarthost: Sendable, Hashable, CustomStringConvertible {
    /// The host name or address (an IPv6 address without brackets).
    public var host: String
    /// The port; 465 means TLS from the first byte, as Alertmanager decides.
    public var port: Int

    /// Creates a smarthost.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `host:port`, brackets around an IPv6 address.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Go's `net.SplitHostPort` plus Alertmanager's non-empty port; the port must be a
    /// number (Go would also take a service name such as `smtp`; binwatch asks for 25).
    /// - Returns: the smarthost, or the reason it is not one.
    static func parse(_ text: String) -> Result<SMTPSmarthost, ConfigErrorText> {
        var host: Substring, port: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return .failure(.init("missing ']' in address")) }
            let after = text[text.index(after: close)...]
            guard after.hasPrefix(":") else { return .failure(.init("missing port in address")) }
            host = text[text.index(after: text.startIndex)..<close]
            port = after.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else { return .failure(.init("missing port in address")) }
            host = text[..<colon]
            port = text[text.index(after: colon)...]
            if host.contains(":") { return .failure(.init("too many colons in address")) }
        }
        if port.isEmpty { return .failure(.init("port cannot be empty")) }
        guard port.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(port), (1...65535).contains(number) else {
            return .failure(.init("a port number from 1 to 65535, not \"\(port)\""))
        }
        return .success(SMTPSmarthost(host: String(host), port: number))
    }

    /// Reads `node` as a smarthost; nil (reported) when it is not one, or empty.
    static func decode(_ node: ConfigNode?) -> SMTPSmarthost? {
        guard let node, let text = node.string(), !text.isEmpty else { return nil }
        switch parse(text) {
        case .success(let smarthost): return smarthost
        case .failure(let reason):
            node.fail(expected: "a smarthost as host:port", found: "\"\(text)\": \(reason.text)")
            return nil
        }
    }
}

/// A reason in words, the failure type of small parsers whose caller places the error.
struct ConfigErrorText: Error, Sendable {
    let text: String
    init(_ text: String) { self.text = text }
}

/// The `global:` keys `email_configs` inherit (`smtp_*`), with Alertmanager 0.25's defaults.
public struct SMTPDefaults: Sendable, Hashable {
    /// `smtp_from`.
    public var from: String?
    /// `smtp_hello` (default `localhost`).
    public var hello = "localhost"
    /// `smtp_smarthost`.
    public var smarthost: SMTPSmarthost?
    /// `smtp_auth_username`.
    public var authUsername: String?
    /// `smtp_auth_password` / `smtp_auth_password_file`.
    public var authPassword: Secret?
    /// `smtp_auth_secret` (CRAM-MD5).
    public var authSecret: Secret?
    /// `smtp_auth_identity`.
    public var authIdentity: String?
    /// `smtp_require_tls` (default true).
    public var requireTLS = true

    /// Alertmanager's defaults.
    public init() {}

    static let keys = [
        "smtp_from", "smtp_hello", "smtp_smarthost", "smtp_auth_username", "smtp_auth_password",
        "smtp_auth_password_file", "smtp_auth_secret", "smtp_auth_identity", "smtp_require_tls",
    ]

    static func decode(_ fields: AlertmanagerFields) -> SMTPDefaults {
        var smtp = SMTPDefaults()
        smtp.from = fields.string("smtp_from").flatMap { $0.isEmpty ? nil : $0 }
        if let hello = fields.string("smtp_hello") { smtp.hello = hello }
        smtp.smarthost = SMTPSmarthost.decode(fields["smtp_smarthost"])
        smtp.authUsername = fields.string("smtp_auth_username")
        smtp.authPassword = fields.secret("smtp_auth_password", fileKey: "smtp_auth_password_file")
        smtp.authSecret = fields.inlineSecret("smtp_auth_secret")
        smtp.authIdentity = fields.string("smtp_auth_identity")
        if let requireTLS = fields.bool("smtp_require_tls") { smtp.requireTLS = requireTLS }
        return smtp
    }
}
