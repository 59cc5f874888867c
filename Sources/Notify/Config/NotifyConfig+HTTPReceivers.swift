extension NotifyConfig {
    /// The OpsGenie, Telegram, Pushover, VictorOps and Microsoft Teams integrations of a
    /// receiver, named as Alertmanager names them (`opsgenie[0]`, `msteams[0]`…).
    func httpReceiverIntegrations(_ receiver: ReceiverConfig, context: IntegrationContext) -> [Integration] {
        var list: [Integration] = []
        func add(_ name: String, _ index: Int, _ sendResolved: Bool, _ notifier: any Notifier) {
            list.append(Integration(
                info: IntegrationInfo(name: name, index: index, sendResolved: sendResolved), notifier: notifier))
        }
        for (index, config) in receiver.opsgenie.enumerated() {
            add("opsgenie", index, config.sendResolved, OpsGenieNotifier(config: config, context: context))
        }
        for (index, config) in receiver.telegram.enumerated() {
            add("telegram", index, config.sendResolved, TelegramNotifier(config: config, context: context))
        }
        for (index, config) in receiver.pushover.enumerated() {
            add("pushover", index, config.sendResolved, PushoverNotifier(config: config, context: context))
        }
        for (index, config) in receiver.victorops.enumerated() {
            add("victorops", index, config.sendResolved, VictorOpsNotifier(config: config, context: context))
        }
        for (index, config) in receiver.msteams.enumerated() {
            add("msteams", index, config.sendResolved, MSTeamsNotifier(config: config, context: context))
        }
        return list
    }
}
