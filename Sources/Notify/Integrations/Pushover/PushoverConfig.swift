import ConfigYAML
public import Model

/// One `pushover_configs` entry (Alertmanager 0.25's keys, defaults and checks).
public struct PushoverConfig: Sendable, Hashable {
    /// The recipient's user (or group) key.
    public var userKey: Secret
    /// The application's API token.
    public var token: Secret
    /// `title` (default `pushover.default.title`), cut to 250 characters.
    public var title = TemplateString.unset
    /// `message` (default `pushover.default.message`), cut to 1024 characters.
    public var message = TemplateString.unset
    /// `url` (default the alerts page), cut to 512 characters.
    public var url = TemplateString.unset
    /// `url_title`.
    public var urlTitle = TemplateString.unset
    /// `sound`.
    public var sound = TemplateString.unset
    /// `priority` (default 2, emergency, while firing; 0 once resolved).
    public var priority = TemplateString.unset
    /// `retry`: how often Pushover repeats an emergency notification, in seconds (default 60).
    public var retrySeconds: Double = 60
    /// `expire`: how long it keeps repeating, in seconds (default 3600).
    public var expireSeconds: Double = 3600
    /// `html`: the message is HTML (values HTML-escaped).
    public var html = false
    /// Whether resolves are sent (default true).
    public var sendResolved = true
    /// `http_config` (authentication, TLS, proxy, redirects).
    public var http = HTTPConfig()

    /// A config with defaults and the given credentials.
    public init(userKey: Secret, token: Secret) {
        self.userKey = userKey
        self.token = token
    }

    static let keys = [
        "send_resolved", "http_config", "user_key", "token", "title", "message", "url", "url_title", "sound",
        "priority", "retry", "expire", "html",
    ]

    static func decode(_ node: ConfigNode, _ context: ReceiverContext) -> PushoverConfig? {
        guard let fields = AlertmanagerFields(node, keys: keys) else { return nil }
        let user = fields.inlineSecret("user_key")
        let token = fields.inlineSecret("token")
        var config = PushoverConfig(userKey: user ?? Secret(""), token: token ?? Secret(""))
        if let b = fields.bool("send_resolved") { config.sendResolved = b }
        config.title = fields.template("title", context)
        config.message = fields.template("message", context)
        config.url = fields.template("url", context)
        config.urlTitle = fields.template("url_title", context)
        config.sound = fields.template("sound", context)
        config.priority = fields.template("priority", context)
        if let retry = goDuration(fields, "retry") { config.retrySeconds = retry }
        if let expire = goDuration(fields, "expire") { config.expireSeconds = expire }
        config.html = fields.bool("html") ?? false
        config.http = HTTPConfig.decode(fields["http_config"], defaults: context.global.http)
        if user == nil && fields["user_key"] == nil { node.fail(expected: "user_key, the Pushover user key", found: "none") }
        if token == nil && fields["token"] == nil { node.fail(expected: "token, the Pushover API token", found: "none") }
        return config
    }

    /// `retry` and `expire` are Go durations (`time.ParseDuration`: `90s`, `1.5h`, `1h30m`),
    /// not Prometheus ones.
    private static func goDuration(_ fields: AlertmanagerFields, _ key: String) -> Double? {
        guard let node = fields[key], let text = node.string() else { return nil }
        guard let seconds = GoDuration.seconds(text) else {
            node.fail(expected: "a Go duration such as 30s, 1m or 1h30m", found: "\"\(text)\"")
            return nil
        }
        return seconds
    }
}

/// Go's `time.ParseDuration`, in seconds.
enum GoDuration {
    private static let units: [(String, Double)] = [
        ("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("μs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600),
    ]

    /// The seconds of `text` (`-1.5h`, `300ms`, `0`), or nil where Go reports an error.
    static func seconds(_ text: String) -> Double? {
        var rest = Substring(text)
        var sign = 1.0
        if let first = rest.first, first == "-" || first == "+" {
            sign = first == "-" ? -1 : 1
            rest = rest.dropFirst()
        }
        if rest == "0" { return 0 }
        if rest.isEmpty { return nil }
        func isNumeric(_ c: Character) -> Bool { c.isASCII && (c.isNumber || c == ".") }
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix(while: isNumeric)
            // Go takes `5.` and `.5`; pad them to digits on both sides for Double.
            let digits = "0" + String(number) + "0"
            guard number.contains(where: { $0 != "." }), number.filter({ $0 == "." }).count <= 1,
                  let value = Double(number.contains(".") ? digits : String(number))
            else { return nil }
            rest = rest.dropFirst(number.count)
            let unitText = rest.prefix { !isNumeric($0) }
            guard let unit = units.first(where: { $0.0 == unitText }) else { return nil }
            rest = rest.dropFirst(unitText.count)
            total += value * unit.1
        }
        return sign * total
    }
}
