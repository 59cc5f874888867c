extension NotifyConfig {
    /// One receiver's integrations in Alertmanager's order of kinds, each named
    /// `kind[index]` (`slack[0]`, `email[1]`): the one place a new kind of receiver is wired.
    func receiverIntegrations(_ receiver: ReceiverConfig, context: IntegrationContext) -> [Integration] {
        var list: [Integration] = []
        func add<Config>(
            _ name: String, _ configs: [Config], _ sendResolved: (Config) -> Bool, _ notifier: (Config) -> any Notifier
        ) {
            for (index, config) in configs.enumerated() {
                list.append(Integration(
                    info: IntegrationInfo(name: name, index: index, sendResolved: sendResolved(config)),
                    notifier: notifier(config)))
            }
        }
        add("slack", receiver.slack, \.sendResolved) { SlackNotifier(config: $0, context: context) }
        add("pagerduty", receiver.pagerduty, \.sendResolved) { PagerDutyNotifier(config: $0, context: context) }
        add("webhook", receiver.webhook, \.sendResolved) { WebhookNotifier(config: $0, context: context) }
        add("nats", receiver.nats, \.sendResolved) { NATSNotifier(config: $0, context: context) }
        add("email", receiver.email, \.sendResolved) { EmailNotifier(config: $0, context: context) }
        add("opsgenie", receiver.opsgenie, \.sendResolved) { OpsGenieNotifier(config: $0, context: context) }
        add("telegram", receiver.telegram, \.sendResolved) { TelegramNotifier(config: $0, context: context) }
        add("pushover", receiver.pushover, \.sendResolved) { PushoverNotifier(config: $0, context: context) }
        add("victorops", receiver.victorops, \.sendResolved) { VictorOpsNotifier(config: $0, context: context) }
        add("msteams", receiver.msteams, \.sendResolved) { MSTeamsNotifier(config: $0, context: context) }
        return list
    }
}
