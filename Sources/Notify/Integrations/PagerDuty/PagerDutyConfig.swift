import ConfigYAML
public import Model

/// One `pagerduty_configs` entry, Events API v2 (`routing_key`).
public struct PagerDutyConfig: Sendable, Hashable {
    /// The integration (routing) key.
    public var routingKey: Secret
    /// The Events API URL.
    public var url = "https://events.pagerduty.com/v2/enqueue"
    /// Whether resolves are sent (default true).
    public var sendResolved = true
    /// `client` (default `Alertmanager`).
    public var client = TemplateString.unset
    /// `client_url` (default the alerts page).
    public var clientURL = TemplateString.unset
    /// `description`, the summary (default `__subject`).
    public var description = TemplateString.unset
    /// `severity` (default `error`).
    public var severity = TemplateString.unset
    /// `source` (default the client).
    public var source = TemplateString.unset
    /// `class`.
    public var eventClass = TemplateString.unset
    /// `component`.
    public var component = TemplateString.unset
    /// `group`.
    public var group = TemplateString.unset
    /// `details`, merged over the default firing/resolved/num_* keys.
    public var details: [String: TemplateString] = [:]
    /// `http_config` (authentication, TLS, proxy, redirects).
    public var http = HTTPConfig()

    /// A config with defaults and the given credential.
    public init(routingKey: Secret) { self.routingKey = routingKey }

    static let keys = [
        "routing_key", "routing_key_file", "url", "send_resolved", "client", "client_url", "description", "severity",
        "source", "class", "component", "group", "details", "http_config",
    ]
    /// Events API v1 (`service_key`) and the v2 keys binwatch does not send yet.
    static let unsupportedKeys = ["service_key", "service_key_file", "images", "links"]

    static func decode(_ node: ConfigNode, _ context: ReceiverContext) -> PagerDutyConfig? {
        guard let fields = AlertmanagerFields(node, keys: keys, unsupported: unsupportedKeys) else { return nil }
        let key = fields.secret("routing_key", fileKey: "routing_key_file")
        var config = PagerDutyConfig(routingKey: key ?? Secret(""))
        config.url = context.global.pagerdutyURL
        if let url = fields.plainURL("url") { config.url = url }
        if let b = fields.bool("send_resolved") { config.sendResolved = b }
        config.client = fields.template("client", context)
        config.clientURL = fields.template("client_url", context)
        config.description = fields.template("description", context)
        config.severity = fields.template("severity", context)
        config.source = fields.template("source", context)
        config.eventClass = fields.template("class", context)
        config.component = fields.template("component", context)
        config.group = fields.template("group", context)
        for entry in fields.stringMap("details") ?? [] {
            let text = TemplateString(entry.value)
            if let source = text.source { context.checkTemplate(source, at: entry.node) }
            config.details[entry.name] = text
        }
        config.http = HTTPConfig.decode(fields["http_config"], defaults: context.global.http)
        let v1 = fields.has("service_key") || fields.has("service_key_file")
        if key == nil && !v1 && fields["routing_key"] == nil && fields["routing_key_file"] == nil {
            node.fail(expected: "one of routing_key or routing_key_file", found: "neither")
        }
        return config
    }
}
