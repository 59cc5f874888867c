import Model

/// Posts the generic webhook body (version 4) as Alertmanager 0.25 does.
public struct WebhookNotifier: Notifier {
    /// The integration's config.
    public let config: WebhookConfig
    private let context: IntegrationContext

    /// Creates a notifier for one `webhook_configs` entry.
    public init(config: WebhookConfig, context: IntegrationContext) {
        self.config = config
        self.context = context
    }

    /// The request body: `max_alerts` keeps the first N alerts before the template
    /// data is built, so common labels are computed over the kept ones.
    public func body(_ alerts: [Alert], group: GroupKey) -> String {
        WebhookPayload.body(alerts, group: group, maxAlerts: config.maxAlerts, context: context)
    }

    /// Sends one attempt.
    public func notify(_ alerts: [Alert], group: GroupKey) async throws(NotifyError) {
        let poster = JSONPoster(transport: context.transport, policy: context.policy, http: config.http, tokens: context.tokens)
        try await poster.post(body(alerts, group: group), to: config.url.reveal())
    }
}
