import Model

/// Posts a MessageCard to a Microsoft Teams incoming webhook as Alertmanager 0.26 does
/// (`notify/msteams/msteams.go`): title, text and a theme color, red while firing and green
/// once resolved.
public struct MSTeamsNotifier: Notifier {
    /// The integration's config.
    public let config: MSTeamsConfig
    private let context: IntegrationContext

    /// Creates a notifier for one `msteams_configs` entry.
    public init(config: MSTeamsConfig, context: IntegrationContext) {
        self.config = config
        self.context = context
    }

    /// The request body for `alerts`.
    public func body(_ alerts: [Alert], group: GroupKey) throws(NotifyError) -> String {
        typealias Default = DefaultTemplates.MSTeams
        let data = context.data(alerts, group: group)
        var card = JSONWriter.Object()
        card.add("@context", "http://schema.org/extensions")
        card.add("type", "MessageCard")
        card.add("title", try config.title.render(data, renderer: context.renderer, default: Default.title))
        card.add("text", try config.text.render(data, renderer: context.renderer, default: Default.text))
        card.add("themeColor", data.status == .resolved ? "2DC72D" : "8C1A1A")
        return JSONWriter.encode(.object(card)) + "\n"
    }

    /// Sends one attempt.
    public func notify(_ alerts: [Alert], group: GroupKey) async throws(NotifyError) {
        let poster = JSONPoster(transport: context.transport, policy: context.policy, http: config.http, tokens: context.tokens)
        try await poster.post(try body(alerts, group: group), to: config.webhookURL.reveal())
    }
}
