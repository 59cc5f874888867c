public import Model
import Yams

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
    /// Timeouts.
    public var http = HTTPConfig()

    /// A config with defaults and the given credential.
    public init(routingKey: Secret) { self.routingKey = routingKey }

    static func decode(_ node: Node, path: String, global: GlobalConfig, _ diagnostics: NotifyDiagnostics) -> PagerDutyConfig? {
        guard var map = YAMLMap(node, path: path, diagnostics) else { return nil }
        if map.has("service_key") || map.has("service_key_file") {
            _ = map.value("service_key")
            _ = map.value("service_key_file")
            diagnostics.error(node, path, "service_key (Events API v1) is not supported: use routing_key or routing_key_file")
        }
        let key = map.secret("routing_key", fileKey: "routing_key_file")
        var config = PagerDutyConfig(routingKey: key ?? Secret(""))
        config.url = global.pagerdutyURL
        if let url = map.plainURL("url") { config.url = url }
        if let b = map.bool("send_resolved") { config.sendResolved = b }
        config.client = map.template("client")
        config.clientURL = map.template("client_url")
        config.description = map.template("description")
        config.severity = map.template("severity")
        config.source = map.template("source")
        config.eventClass = map.template("class")
        config.component = map.template("component")
        config.group = map.template("group")
        for (name, value, keyNode) in map.stringMap("details") ?? [] {
            let text = TemplateString(value)
            if let source = text.source {
                diagnostics.checkTemplate(source, node: keyNode, path: map.childPath("details") + "." + name)
            }
            config.details[name] = text
        }
        config.http = HTTPConfig.decode(&map, defaults: global.http)
        map.rejectUnknownKeys()
        if key == nil && !diagnostics.errors.contains(where: { $0.keyPath.hasPrefix(path + ".routing_key") }) {
            diagnostics.error(node, path, "one of routing_key or routing_key_file must be configured")
        }
        return config
    }
}
