import Model

/// Creates, updates and closes OpsGenie alerts as Alertmanager 0.25 does, with the API key
/// in `Authorization: GenieKey …`. The requests of one notification go in order and stop at
/// the first failure; a retry sends them all again (OpsGenie dedups creates by alias).
public struct OpsGenieNotifier: Notifier {
    /// The integration's config.
    public let config: OpsGenieConfig
    private let context: IntegrationContext

    /// Creates a notifier for one `opsgenie_configs` entry.
    public init(config: OpsGenieConfig, context: IntegrationContext) {
        self.config = config
        self.context = context
    }

    /// The requests for `alerts` (exposed for tests).
    public func requests(_ alerts: [Alert], group: GroupKey) throws(NotifyError) -> [IntegrationRequest] {
        try OpsGeniePayload.requests(config, group: group, data: context.data(alerts, group: group), renderer: context.renderer)
    }

    /// Sends one attempt.
    public func notify(_ alerts: [Alert], group: GroupKey) async throws(NotifyError) {
        let poster = JSONPoster(transport: context.transport, policy: context.policy, http: config.http, tokens: context.tokens)
        let key = config.apiKey.reveal()
        for request in try requests(alerts, group: group) {
            try await poster.send(request, headers: [("Authorization", "GenieKey \(key)")], secrets: [key])
        }
    }
}
