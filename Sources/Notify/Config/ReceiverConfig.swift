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

    /// The other integrations of Alertmanager 0.25's `receivers` (the next issue adds them).
    static let unsupportedIntegrations = [
        "opsgenie_configs", "wechat_configs", "pushover_configs", "victorops_configs", "sns_configs",
        "telegram_configs", "discord_configs", "webex_configs",
    ]

    /// Creates an empty receiver (it accepts notifications and sends nothing, as in Alertmanager).
    public init(name: String) { self.name = name }

    static func decode(_ node: ConfigNode, _ context: ReceiverContext) -> ReceiverConfig? {
        let keys = ["name", "slack_configs", "pagerduty_configs", "webhook_configs", "nats_configs", "email_configs"]
        guard let fields = AlertmanagerFields(node, keys: keys, unsupported: unsupportedIntegrations) else { return nil }
        let name = fields.string("name") ?? ""
        if name.isEmpty { node.fail(expected: "a receiver with a name", found: "no name") }
        var receiver = ReceiverConfig(name: name)
        receiver.slack = fields.list("slack_configs").compactMap { SlackConfig.decode($0, context) }
        receiver.pagerduty = fields.list("pagerduty_configs").compactMap { PagerDutyConfig.decode($0, context) }
        receiver.webhook = fields.list("webhook_configs").compactMap { WebhookConfig.decode($0, context) }
        receiver.nats = fields.list("nats_configs").compactMap { NATSConfig.decode($0, context) }
        receiver.email = fields.list("email_configs").compactMap { EmailConfig.decode($0, context) }
        return receiver
    }
}
