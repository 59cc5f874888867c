public import Model
import Yams

/// Alertmanager's `global:` section, the keys binwatch honours: defaults the receivers
/// inherit (`slack_api_url[_file]`, `pagerduty_url`, `http_config`) and `resolve_timeout`.
public struct GlobalConfig: Sendable, Hashable {
    /// How long an alert without `endsAt` stays firing (Alertmanager's default 5m), applied
    /// when the dispatcher receives it. The daemon's bridge always sets `endsAt` (as
    /// Prometheus does), so it matters only for alerts handed in without one.
    public var resolveTimeout = PromDuration(seconds: 300)
    /// Default Slack webhook URL.
    public var slackAPIURL: Secret?
    /// Default PagerDuty Events API URL.
    public var pagerdutyURL = "https://events.pagerduty.com/v2/enqueue"
    /// Default HTTP settings.
    public var http = HTTPConfig()

    /// Alertmanager's defaults.
    public init() {}

    static func decode(_ node: Node?, path: String, _ diagnostics: ConfigDiagnostics) -> GlobalConfig {
        var global = GlobalConfig()
        guard let node, var map = YAMLMap(node, path: path, diagnostics) else { return global }
        if let timeout = map.duration("resolve_timeout") { global.resolveTimeout = timeout }
        global.slackAPIURL = map.secret("slack_api_url", fileKey: "slack_api_url_file")
        if let url = map.plainURL("pagerduty_url") { global.pagerdutyURL = url }
        global.http = HTTPConfig.decode(&map)
        map.rejectUnknownKeys()
        return global
    }
}
