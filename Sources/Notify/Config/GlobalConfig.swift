import ConfigYAML
public import Model

/// Alertmanager's `global:` section, the keys binwatch honours: defaults the receivers
/// inherit (`slack_api_url[_file]`, `pagerduty_url`, `http_config`, `opsgenie_*`,
/// `victorops_*`, `telegram_api_url`) and `resolve_timeout`.
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
    /// Default OpsGenie API key (`opsgenie_api_key[_file]`).
    public var opsgenieAPIKey: Secret?
    /// Default OpsGenie API URL.
    public var opsgenieAPIURL = "https://api.opsgenie.com/"
    /// Default VictorOps API key (`victorops_api_key[_file]`).
    public var victoropsAPIKey: Secret?
    /// Default VictorOps API URL.
    public var victoropsAPIURL = "https://alert.victorops.com/integrations/generic/20131114/alert/"
    /// Default Telegram Bot API URL.
    public var telegramAPIURL = "https://api.telegram.org"

    /// Alertmanager 0.25's other `global:` keys, defaults of integrations binwatch lacks.
    static let unsupportedKeys = [
        "wechat_api_url", "wechat_api_secret", "wechat_api_corp_id", "webex_api_url",
    ]

    /// Alertmanager's defaults.
    public init() {}

    static let keys = ["resolve_timeout", "slack_api_url", "slack_api_url_file", "pagerduty_url", "http_config"]
        + SMTPDefaults.keys + receiverKeys

    /// The defaults of the OpsGenie, VictorOps and Telegram receivers.
    static let receiverKeys = [
        "opsgenie_api_key", "opsgenie_api_key_file", "opsgenie_api_url", "victorops_api_key", "victorops_api_key_file",
        "victorops_api_url", "telegram_api_url",
    ]

    static func decode(_ node: ConfigNode?) -> GlobalConfig {
        var global = GlobalConfig()
        guard let node, let fields = AlertmanagerFields(node, keys: keys, unsupported: unsupportedKeys) else { return global }
        if let timeout = fields.duration("resolve_timeout") { global.resolveTimeout = timeout }
        global.slackAPIURL = fields.secret("slack_api_url", fileKey: "slack_api_url_file")
        if let url = fields.plainURL("pagerduty_url") { global.pagerdutyURL = url }
        global.http = HTTPConfig.decode(fields["http_config"])
        global.smtp = SMTPDefaults.decode(fields)
        global.opsgenieAPIKey = fields.secret("opsgenie_api_key", fileKey: "opsgenie_api_key_file")
        if let url = fields.plainURL("opsgenie_api_url") { global.opsgenieAPIURL = url }
        global.victoropsAPIKey = fields.secret("victorops_api_key", fileKey: "victorops_api_key_file")
        if let url = fields.plainURL("victorops_api_url") { global.victoropsAPIURL = url }
        if let url = fields.plainURL("telegram_api_url") { global.telegramAPIURL = url }
        return global
    }
}
