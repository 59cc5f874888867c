import Model

/// Posts notifications to a Slack incoming webhook as Alertmanager 0.25 does.
public struct SlackNotifier: Notifier {
    /// The integration's config.
    public let config: SlackConfig
    private let context: IntegrationContext

    /// Creates a notifier for one `slack_configs` entry.
    public init(config: SlackConfig, context: IntegrationContext) {
        self.config = config
        self.context = context
    }

    /// The request body for `alerts` (exposed for tests and `binwatch check`).
    public func body(_ alerts: [Alert], group: GroupKey) throws(NotifyError) -> String {
        try SlackPayload.body(config, data: context.data(alerts, group: group), renderer: context.renderer)
    }

    /// Sends one attempt.
    public func notify(_ alerts: [Alert], group: GroupKey) async throws(NotifyError) {
        let json = try body(alerts, group: group)
        let poster = JSONPoster(transport: context.transport, policy: context.policy, http: config.http, tokens: context.tokens)
        try await poster.post(json, to: config.apiURL.reveal())
    }
}
