import ConfigYAML
import Model

/// One `receivers` entry: a name and its integrations.
public struct ReceiverConfig: Sendable, Hashable {
    /// Unique name routes refer to.
    public var name: String
    /// `slack_configs`.
    public var slack: [SlackConfig] = []
    /// `pagerduty_configs`.
    public var pagerduty: [PagerDutyConfig] = []
    /// `webhook_configs`.
    public var webhook: [WebhookConfig] = []
    /// `nats_configs` (binwatch's own: publishes to the NATS event bus).
    public var nats: [NATSConfig] = []
    /// `email_configs`.
    public var email: [EmailConfig] = []
    /// `opsgenie_configs`.
    public var opsgenie: [OpsGenieConfig] = []
    /// `telegram_configs`.
    public var telegram: [TelegramConfig] = []
    /// `pushover_configs`.
    public var pushover: [PushoverConfig] = []
    /// `victorops_configs`.
    public var victorops: [VictorOpsConfig] = []
    /// `msteams_configs` (Alertmanager 0.26's).
    public var msteams: [MSTeamsConfig] = []

    /// The other integrations of Alertmanager 0.25's `receivers` (the next issue adds them).
    static let unsupportedIntegrations = [
        "wechat_configs", "discord_configs", "webex_configs",
    ]

    /// Why `sns_configs` is refused: said at the key, not as a feature merely missing.
    static let snsRefusal = "sns_configs: Amazon SNS takes only AWS SigV4-signed requests to AWS's own endpoints, "
        + "which binwatch cannot test honestly without AWS, so it does not send to SNS; "
        + "publish through a webhook_configs bridge instead"

    /// Creates an empty receiver (it accepts notifications and sends nothing, as in Alertmanager).
    public init(name: String) { self.name = name }

    static func decode(_ node: ConfigNode, _ context: ReceiverContext) -> ReceiverConfig? {
        let keys = [
            "name", "slack_configs", "pagerduty_configs", "webhook_configs", "nats_configs", "email_configs",
            "opsgenie_configs", "telegram_configs", "pushover_configs", "victorops_configs", "msteams_configs", "sns_configs",
        ]
        guard let fields = AlertmanagerFields(node, keys: keys, unsupported: unsupportedIntegrations) else { return nil }
        let name = fields.string("name") ?? ""
        if name.isEmpty { node.fail(expected: "a receiver with a name", found: "no name") }
        var receiver = ReceiverConfig(name: name)
        receiver.slack = fields.list("slack_configs").compactMap { SlackConfig.decode($0, context) }
        receiver.pagerduty = fields.list("pagerduty_configs").compactMap { PagerDutyConfig.decode($0, context) }
        receiver.webhook = fields.list("webhook_configs").compactMap { WebhookConfig.decode($0, context) }
        receiver.nats = fields.list("nats_configs").compactMap { NATSConfig.decode($0, context) }
        receiver.email = fields.list("email_configs").compactMap { EmailConfig.decode($0, context) }
        receiver.opsgenie = fields.list("opsgenie_configs").compactMap { OpsGenieConfig.decode($0, context) }
        receiver.telegram = fields.list("telegram_configs").compactMap { TelegramConfig.decode($0, context) }
        receiver.pushover = fields.list("pushover_configs").compactMap { PushoverConfig.decode($0, context) }
        receiver.victorops = fields.list("victorops_configs").compactMap { VictorOpsConfig.decode($0, context) }
        receiver.msteams = fields.list("msteams_configs").compactMap { MSTeamsConfig.decode($0, context) }
        if let sns = fields["sns_configs"] { sns.fail(expected: "a receiver binwatch sends to", found: snsRefusal) }
        return receiver
    }
}
