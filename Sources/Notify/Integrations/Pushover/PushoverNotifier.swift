import Foundation
import Model

/// Sends Pushover messages as Alertmanager 0.25 does: every parameter, the token and user
/// key included, in the query of an empty `text/plain` POST to the messages API.
public struct PushoverNotifier: Notifier {
    /// Pushover's limits, in runes.
    static let maxTitleRunes = 250, maxMessageRunes = 1024, maxURLRunes = 512
    /// Pushover's messages API; Alertmanager 0.25 has no setting for it either (its tests
    /// replace it, as binwatch's do through `apiURL`).
    public static let defaultAPIURL = "https://api.pushover.net/1/messages.json"

    /// The integration's config.
    public let config: PushoverConfig
    private let context: IntegrationContext
    /// Where messages go: `defaultAPIURL` but in tests.
    public var apiURL = PushoverNotifier.defaultAPIURL

    /// Creates a notifier for one `pushover_configs` entry.
    public init(config: PushoverConfig, context: IntegrationContext) {
        self.config = config
        self.context = context
    }

    /// The request for `alerts` (its URL holds the token and user key: never log it).
    public func request(_ alerts: [Alert], group: GroupKey) throws(NotifyError) -> IntegrationRequest {
        typealias Default = DefaultTemplates.Pushover
        let data = context.data(alerts, group: group)
        func render(_ t: TemplateString, _ def: String = "", html: Bool = false) throws(NotifyError) -> String {
            try t.render(data, renderer: context.renderer, default: def, html: html)
        }
        var params: [(String, String)] = [
            ("token", config.token.reveal()), ("user", config.userKey.reveal()),
            ("title", truncateInRunes(try render(config.title, Default.title), Self.maxTitleRunes).0),
        ]
        if config.html { params.append(("html", "1")) }
        var message = truncateInRunes(try render(config.message, Default.message, html: config.html), Self.maxMessageRunes).0
        message = message.trimmingCharacters(in: .whitespacesAndNewlines)
        // Pushover refuses an empty message.
        params.append(("message", message.isEmpty ? "(no details)" : message))
        params.append(("url", truncateInRunes(try render(config.url, Default.url), Self.maxURLRunes).0))
        params.append(("url_title", try render(config.urlTitle)))
        params.append(("priority", try render(config.priority, Default.priority)))
        params.append(("retry", String(Int64(config.retrySeconds))))
        params.append(("expire", String(Int64(config.expireSeconds))))
        params.append(("sound", try render(config.sound)))
        // Go's url.Values.Encode: keys sorted, each part QueryEscape'd.
        let query = params.sorted { $0.0 < $1.0 }
            .map { GoString.queryEscape($0.0) + "=" + GoString.queryEscape($0.1) }.joined(separator: "&")
        return IntegrationRequest(url: apiURL + "?" + query, contentType: "text/plain", body: "")
    }

    /// Sends one attempt.
    public func notify(_ alerts: [Alert], group: GroupKey) async throws(NotifyError) {
        let poster = JSONPoster(transport: context.transport, policy: context.policy, http: config.http, tokens: context.tokens)
        try await poster.send(
            try request(alerts, group: group), secrets: [config.token.reveal(), config.userKey.reveal()])
    }
}
