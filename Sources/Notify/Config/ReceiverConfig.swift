import Model

import Yams

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

    /// The other integrations of Alertmanager 0.25's `receivers` (the next issue adds them).
    static let unsupportedIntegrations = [
        "email_configs", "opsgenie_configs", "wechat_configs", "pushover_configs", "victorops_configs", "sns_configs",
        "telegram_configs", "discord_configs", "webex_configs",
    ]

    /// Creates an empty receiver (it accepts notifications and sends nothing, as in Alertmanager).
    public init(name: String) { self.name = name }

    static func decode(_ node: Node, path: String, global: GlobalConfig, _ diagnostics: NotifyDiagnostics) -> ReceiverConfig? {
        guard var map = YAMLMap(node, path: path, diagnostics) else { return nil }
        let name = map.string("name") ?? ""
        if name.isEmpty { diagnostics.error(node, path, "missing name in receiver") }
        var receiver = ReceiverConfig(name: name)
        for (n, p) in map.list("slack_configs") { if let c = SlackConfig.decode(n, path: p, global: global, diagnostics) { receiver.slack.append(c) } }
        for (n, p) in map.list("pagerduty_configs") {
            if let c = PagerDutyConfig.decode(n, path: p, global: global, diagnostics) { receiver.pagerduty.append(c) }
        }
        for (n, p) in map.list("webhook_configs") { if let c = WebhookConfig.decode(n, path: p, global: global, diagnostics) { receiver.webhook.append(c) } }
        map.refuseUnsupported(Self.unsupportedIntegrations)
        map.rejectUnknownKeys()
        return receiver
    }
}
