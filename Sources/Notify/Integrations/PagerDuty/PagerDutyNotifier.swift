import Model

/// Sends Events API v2 trigger/resolve events as Alertmanager 0.25 does; the dedup key is
/// the SHA-256 of the group key, so HA replicas update one PagerDuty incident.
public struct PagerDutyNotifier: Notifier {
    /// The integration's config.
    public let config: PagerDutyConfig
    private let context: IntegrationContext

    /// Creates a notifier for one `pagerduty_configs` entry.
    public init(config: PagerDutyConfig, context: IntegrationContext) {
        self.config = config
        self.context = context
    }

    /// The request body (holds the routing key: never log it).
    public func body(_ alerts: [Alert], group: GroupKey) throws(NotifyError) -> String {
        try PagerDutyPayload.body(
            config, routingKey: config.routingKey.reveal(), group: group, data: context.data(alerts, group: group),
            renderer: context.renderer)
    }

    /// Sends one attempt.
    public func notify(_ alerts: [Alert], group: GroupKey) async throws(NotifyError) {
        let json = try body(alerts, group: group)
        let poster = JSONPoster(transport: context.transport, policy: context.policy, http: config.http, tokens: context.tokens)
        do {
            try await poster.post(json, to: config.url)
        } catch {
            // A PagerDuty 400 body names the invalid fields but may echo the payload;
            // keep the status only, so the routing key can never surface.
            var scrubbed = error
            scrubbed.message = scrubbed.message.replacingAll(config.routingKey.reveal(), with: "<secret>")
            throw scrubbed
        }
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return self.split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
