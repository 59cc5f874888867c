import Model

/// Posts to the VictorOps (Splunk On-Call) REST integration as Alertmanager 0.25 does:
/// `POST {api_url}{api_key}/{routing_key}` with one flat JSON object; the entity id is the
/// group key's hash, so a RECOVERY closes the incident its CRITICAL opened.
public struct VictorOpsNotifier: Notifier {
    /// VictorOps's state message limit, in runes.
    static let maxMessageRunes = 20480
    /// The message types VictorOps accepts for a firing notification.
    static let firingTypes: Set<String> = ["INFO", "WARNING", "CRITICAL"]

    /// The integration's config.
    public let config: VictorOpsConfig
    private let context: IntegrationContext

    /// Creates a notifier for one `victorops_configs` entry.
    public init(config: VictorOpsConfig, context: IntegrationContext) {
        self.config = config
        self.context = context
    }

    /// The request for `alerts` (its URL holds the API key: never log it).
    public func request(_ alerts: [Alert], group: GroupKey) throws(NotifyError) -> IntegrationRequest {
        typealias Default = DefaultTemplates.VictorOps
        let data = context.data(alerts, group: group)
        func render(_ t: TemplateString, _ def: String = "") throws(NotifyError) -> String {
            try t.render(data, renderer: context.renderer, default: def)
        }
        var messageType = try render(config.messageType)
        if data.status == .resolved {
            messageType = "RECOVERY"
        } else if !Self.firingTypes.contains(messageType) {
            messageType = "CRITICAL"
        }
        var body: [(String, String)] = [
            ("message_type", messageType),
            ("entity_id", group.hash),
            ("entity_display_name", try render(config.entityDisplayName, Default.entityDisplayName)),
            ("state_message", truncateInRunes(try render(config.stateMessage, Default.stateMessage), Self.maxMessageRunes).0),
            ("monitoring_tool", try render(config.monitoringTool, Default.monitoringTool)),
        ]
        for (key, value) in config.customFields { body.append((key, try render(value))) }
        let url = config.apiURL + config.apiKey.reveal() + "/" + (try render(config.routingKey))
        return IntegrationRequest(url: url, body: JSONWriter.encode(.stringMap(body)) + "\n")
    }

    /// Sends one attempt.
    public func notify(_ alerts: [Alert], group: GroupKey) async throws(NotifyError) {
        let poster = JSONPoster(transport: context.transport, policy: context.policy, http: config.http, tokens: context.tokens)
        try await poster.send(try request(alerts, group: group), secrets: [config.apiKey.reveal()])
    }
}
