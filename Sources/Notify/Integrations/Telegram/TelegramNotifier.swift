import Foundation
import HTTPClient
import Model

/// Posts a message through the Telegram Bot API's `sendMessage` as Alertmanager 0.25 does
/// through its client library (telebot v3): `POST {api_url}/bot{token}/sendMessage` with a
/// JSON object of strings, link previews off.
///
/// Every failure is retried, as Alertmanager 0.25 does (its telebot client hides the status,
/// and its notifier answers `true, err` to any error): a `chat not found` is retried until
/// the attempt's deadline too, exactly as Alertmanager users see it.
public struct TelegramNotifier: Notifier {
    /// Telegram's message limit, in runes.
    static let maxMessageRunes = 4096

    /// The integration's config.
    public let config: TelegramConfig
    private let context: IntegrationContext

    /// Creates a notifier for one `telegram_configs` entry.
    public init(config: TelegramConfig, context: IntegrationContext) {
        self.config = config
        self.context = context
    }

    /// The request for `alerts` (its URL holds the bot token: never log it).
    public func request(_ alerts: [Alert], group: GroupKey) throws(NotifyError) -> IntegrationRequest {
        let data = context.data(alerts, group: group)
        let rendered = try config.message.render(
            data, renderer: context.renderer, default: DefaultTemplates.Telegram.message, html: config.parseMode == "HTML")
        let (text, _) = truncateInRunes(rendered, Self.maxMessageRunes)
        // telebot sends a map[string]string: every value a string, keys in Go's sorted order.
        var params: [(String, String)] = [("chat_id", String(config.chatID)), ("disable_web_page_preview", "true"), ("text", text)]
        if config.disableNotifications { params.append(("disable_notification", "true")) }
        if !config.parseMode.isEmpty { params.append(("parse_mode", config.parseMode)) }
        let url = config.apiURL + "/bot" + config.botToken.reveal() + "/sendMessage"
        return IntegrationRequest(url: url, body: JSONWriter.encode(.stringMap(params)) + "\n")
    }

    /// Sends one attempt; a 2xx answer whose JSON says `"ok": false` fails it too.
    public func notify(_ alerts: [Alert], group: GroupKey) async throws(NotifyError) {
        let poster = JSONPoster(transport: context.transport, policy: context.policy, http: config.http, tokens: context.tokens)
        let token = config.botToken.reveal()
        let built = try request(alerts, group: group)
        let response: HTTPResponse
        do {
            response = try await poster.send(built, secrets: [token])
        } catch {
            var retried = error
            retried.isRetryable = true
            throw retried
        }
        let answer = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
        if let answer, answer["ok"] as? Bool == false {
            let description = (answer["description"] as? String ?? "no description").replacingAll(token, with: "<secret>")
            throw NotifyError(kind: .status, message: "telegram: \(description)", statusCode: response.status, isRetryable: true)
        }
    }
}
