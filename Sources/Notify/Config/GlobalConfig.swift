import ConfigYAML
public import Model

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
    /// The `smtp_*` defaults of `email_configs`.
    public var smtp = SMTPDefaults()

    /// Alertmanager 0.25's other `global:` keys, defaults of integrations binwatch lacks.
    static let unsupportedKeys = [
        "opsgenie_api_key", "opsgenie_api_key_file",
        "opsgenie_api_url", "victorops_api_key", "victorops_api_key_file", "victorops_api_url", "wechat_api_url",
        "wechat_api_secret", "wechat_api_corp_id", "telegram_api_url", "webex_api_url",
    ]

    /// Alertmanager's defaults.
    public init() {}

    static let keys = ["resolve_timeout", "slack_api_url", "slack_api_url_file", "pagerduty_url", "http_config"]
        + SMTPDefaults.keys

    static func decode(_ node: ConfigNode?) -> GlobalConfig {
        var global = GlobalConfig()
        guard let node, let fields = AlertmanagerFields(node, keys: keys, unsupported: unsupportedKeys) else { return global }
        if let timeout = fields.duration("resolve_timeout") { global.resolveTimeout = timeout }
        global.slackAPIURL = fields.secret("slack_api_url", fileKey: "slack_api_url_file")
        if let url = fields.plainURL("pagerduty_url") { global.pagerdutyURL = url }
        global.http = HTTPConfig.decode(fields["http_config"])
        global.smtp = SMTPDefaults.decode(fields)
        return global
    }
}
