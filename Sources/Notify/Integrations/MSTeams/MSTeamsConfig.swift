import ConfigYAML
public import Model

/// One `msteams_configs` entry: Alertmanager 0.26's Microsoft Teams incoming webhook
/// (0.25 has none; amtool 0.25 refuses the key, binwatch takes 0.26's).
public struct MSTeamsConfig: Sendable, Hashable {
    /// The incoming-webhook URL (a secret: it carries the token).
    public var webhookURL: Secret
    /// `title` (default `msteams.default.title`).
    public var title = TemplateString.unset
    /// `text` (default `msteams.default.text`).
    public var text = TemplateString.unset
    /// Whether resolves are sent (default true).
    public var sendResolved = true
    /// `http_config` (authentication, TLS, proxy, redirects).
    public var http = HTTPConfig()

    /// A config with defaults and the given webhook.
    public init(webhookURL: Secret) { self.webhookURL = webhookURL }

    /// 0.26's keys, and `webhook_url_file` (0.27's), so the URL need not be written inline.
    static let keys = ["send_resolved", "http_config", "webhook_url", "webhook_url_file", "title", "text"]

    static func decode(_ node: ConfigNode, _ context: ReceiverContext) -> MSTeamsConfig? {
        guard let fields = AlertmanagerFields(node, keys: keys) else { return nil }
        let url = fields.secret("webhook_url", fileKey: "webhook_url_file")
        var config = MSTeamsConfig(webhookURL: url ?? Secret(""))
        if let b = fields.bool("send_resolved") { config.sendResolved = b }
        config.title = fields.template("title", context)
        config.text = fields.template("text", context)
        config.http = HTTPConfig.decode(fields["http_config"], defaults: context.global.http)
        if url == nil && fields["webhook_url"] == nil && fields["webhook_url_file"] == nil {
            node.fail(expected: "one of webhook_url or webhook_url_file", found: "neither")
        }
        return config
    }
}
