public import Model
import Yams

/// One `webhook_configs` entry.
public struct WebhookConfig: Sendable, Hashable {
    /// Where to POST (treated as a secret: webhook URLs often carry tokens).
    public var url: Secret
    /// Whether resolves are sent (default true).
    public var sendResolved = true
    /// Most alerts per message; 0 = unlimited.
    public var maxAlerts = 0
    /// Timeouts.
    public var http = HTTPConfig()

    /// A config with defaults and the given credential.
    public init(url: Secret) { self.url = url }

    static func decode(_ node: Node, path: String, global: GlobalConfig, _ diagnostics: NotifyDiagnostics) -> WebhookConfig? {
        guard var map = YAMLMap(node, path: path, diagnostics) else { return nil }
        let url = map.secret("url", fileKey: "url_file")
        var config = WebhookConfig(url: url ?? Secret(""))
        if let b = map.bool("send_resolved") { config.sendResolved = b }
        if let n = map.int("max_alerts") { config.maxAlerts = n }
        config.http = HTTPConfig.decode(&map, defaults: global.http)
        map.rejectUnknownKeys()
        if url == nil && !diagnostics.errors.contains(where: { $0.keyPath.hasPrefix(path + ".url") }) {
            diagnostics.error(node, path, "one of url or url_file must be configured")
        }
        return config
    }
}
