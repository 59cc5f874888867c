import ConfigYAML
public import Model

/// One `webhook_configs` entry.
public struct WebhookConfig: Sendable, Hashable {
    /// Where to POST (treated as a secret: webhook URLs often carry tokens).
    public var url: Secret
    /// Whether resolves are sent (default true).
    public var sendResolved = true
    /// Most alerts per message; 0 = unlimited.
    public var maxAlerts = 0
    /// `http_config` (authentication, TLS, proxy, redirects).
    public var http = HTTPConfig()

    /// A config with defaults and the given credential.
    public init(url: Secret) { self.url = url }

    static let keys = ["url", "url_file", "send_resolved", "max_alerts", "http_config"]

    static func decode(_ node: ConfigNode, _ context: ReceiverContext) -> WebhookConfig? {
        guard let fields = AlertmanagerFields(node, keys: keys) else { return nil }
        let url = fields.secret("url", fileKey: "url_file")
        var config = WebhookConfig(url: url ?? Secret(""))
        if let b = fields.bool("send_resolved") { config.sendResolved = b }
        if let n = fields.int("max_alerts") { config.maxAlerts = n }
        config.http = HTTPConfig.decode(fields["http_config"], defaults: context.global.http)
        if url == nil && fields["url"] == nil && fields["url_file"] == nil {
            node.fail(expected: "one of url or url_file", found: "neither")
        }
        return config
    }
}
