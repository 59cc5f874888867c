import ConfigYAML
public import Model

/// One `email_configs` entry (Alertmanager 0.25 keys), with the `global:` `smtp_*` defaults
/// already applied as Alertmanager applies them when it loads the file.
public struct EmailConfig: Sendable, Hashable {
    /// `to`: the recipients (a template; rendered, then read as an address list).
    public var to: String
    /// `from`: the sender (a template; exactly one address once rendered).
    public var from: String
    /// `smarthost`: the SMTP server.
    public var smarthost: SMTPSmarthost
    /// `hello`: the EHLO name.
    public var hello = "localhost"
    /// `auth_username`; empty: no authentication.
    public var authUsername = ""
    /// `auth_password` / `auth_password_file` (PLAIN and LOGIN).
    public var authPassword: Secret?
    /// `auth_secret` (CRAM-MD5).
    public var authSecret: Secret?
    /// `auth_identity`: PLAIN's authorization identity.
    public var authIdentity = ""
    /// `headers`, names canonical (`message-id` → `Message-Id`) and the defaults added:
    /// `From` and `To` as configured, `Subject` as `email.default.subject`. Values are templates.
    public var headers: [String: String] = [:]
    /// `html`: the HTML body's template; empty: no HTML part.
    public var html = DefaultTemplates.Email.html
    /// `text`: the plain-text body's template; empty (the default): no text part.
    public var text = ""
    /// `require_tls`: STARTTLS before anything else (default true).
    public var requireTLS = true
    /// `tls_config`, for STARTTLS and port 465.
    public var tls = HTTPConfig.TLSConfig()
    /// Whether resolved notifications are sent (default false).
    public var sendResolved = false

    /// A config with Alertmanager's defaults.
    public init(to: String, from: String, smarthost: SMTPSmarthost) {
        self.to = to
        self.from = from
        self.smarthost = smarthost
    }

    static let keys = [
        "to", "from", "smarthost", "hello", "auth_username", "auth_password", "auth_password_file", "auth_secret",
        "auth_identity", "headers", "html", "text", "require_tls", "tls_config", "send_resolved",
    ]

    static func decode(_ node: ConfigNode, _ context: ReceiverContext) -> EmailConfig? {
        guard let fields = AlertmanagerFields(node, keys: keys) else { return nil }
        let global = context.global.smtp
        let to = fields.string("to") ?? ""
        if to.isEmpty { node.fail(expected: "a to address in email config", found: "none") }
        var from = fields.string("from") ?? ""
        if from.isEmpty { from = global.from ?? "" }
        if from.isEmpty { node.fail(expected: "from (here or as global.smtp_from)", found: "neither") }
        // An empty `smarthost` takes the global one, as Alertmanager's `HostPort` reads "" as unset.
        let smarthostText = fields.string("smarthost") ?? ""
        let smarthost = smarthostText.isEmpty ? global.smarthost : SMTPSmarthost.decode(fields["smarthost"])
        if smarthost == nil && smarthostText.isEmpty {
            node.fail(expected: "smarthost (here or as global.smtp_smarthost)", found: "neither")
        }
        var config = EmailConfig(to: to, from: from, smarthost: smarthost ?? SMTPSmarthost(host: "", port: 25))
        for (key, value) in [("to", to), ("from", from)] where value.contains("{{") {
            if let valueNode = fields[key] { context.checkTemplate(value, at: valueNode) }
        }
        config.hello = fields.string("hello").flatMap { $0.isEmpty ? nil : $0 } ?? global.hello
        config.authUsername = fields.string("auth_username").flatMap { $0.isEmpty ? nil : $0 } ?? global.authUsername ?? ""
        let password = fields.secret("auth_password", fileKey: "auth_password_file")
        config.authPassword = fields.has("auth_password") || fields.has("auth_password_file") ? password : global.authPassword
        config.authSecret = fields.inlineSecret("auth_secret") ?? global.authSecret
        config.authIdentity = fields.string("auth_identity").flatMap { $0.isEmpty ? nil : $0 } ?? global.authIdentity ?? ""
        config.requireTLS = fields.bool("require_tls") ?? global.requireTLS
        config.sendResolved = fields.bool("send_resolved") ?? false
        if let html = fields.string("html") {
            config.html = html
            if html.contains("{{"), let value = fields["html"] { context.checkTemplate(html, at: value) }
        }
        if let text = fields.string("text") {
            config.text = text
            if text.contains("{{"), let value = fields["text"] { context.checkTemplate(text, at: value) }
        }
        if let tlsNode = fields["tls_config"], let tls = HTTPConfig.TLSConfig.decode(tlsNode) { config.tls = tls }
        config.headers = decodeHeaders(fields, context)
        // Alertmanager's notifier adds these when the config does not set them.
        if config.headers["Subject"] == nil { config.headers["Subject"] = DefaultTemplates.Email.subject }
        if config.headers["To"] == nil { config.headers["To"] = config.to }
        if config.headers["From"] == nil { config.headers["From"] = config.from }
        return config
    }

    /// `headers`: names made canonical as Go's `textproto.CanonicalMIMEHeaderKey` does, two
    /// that become the same refused (Alertmanager's `duplicate header`), values checked as templates.
    private static func decodeHeaders(_ fields: AlertmanagerFields, _ context: ReceiverContext) -> [String: String] {
        var headers: [String: String] = [:]
        for entry in fields.stringMap("headers") ?? [] {
            if entry.name.isEmpty || entry.name.contains(where: { $0 == ":" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) {
                entry.node.fail(expected: "a header name without ':' or line breaks", found: "\"\(entry.name)\"")
                continue
            }
            let name = canonicalHeaderName(entry.name)
            if headers[name] != nil {
                entry.node.fail(expected: "each header once (names are case-insensitive)", found: "duplicate header \"\(name)\"")
                continue
            }
            if entry.value.contains("{{") { context.checkTemplate(entry.value, at: entry.node) }
            headers[name] = entry.value
        }
        return headers
    }

    /// Go's `textproto.CanonicalMIMEHeaderKey`: the first letter and each letter after a
    /// hyphen upper-cased, the rest lower-cased; a name with a space or another byte that is
    /// not a token character is left as written.
    static func canonicalHeaderName(_ name: String) -> String {
        let tokenPunctuation = Set("!#$%&'*+-.^_`|~".utf8)
        let bytes = Array(name.utf8)
        let isToken = { (b: UInt8) -> Bool in
            let alphanumeric: Bool = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            return alphanumeric || tokenPunctuation.contains(b)
        }
        guard bytes.allSatisfy(isToken) else { return name }
        var out: [UInt8] = []
        var upper = true
        for b in bytes {
            var c = b
            if upper && c >= 0x61 && c <= 0x7A { c -= 0x20 } else if !upper && c >= 0x41 && c <= 0x5A { c += 0x20 }
            out.append(c)
            upper = c == UInt8(ascii: "-")
        }
        return String(decoding: out, as: UTF8.self)
    }
}
