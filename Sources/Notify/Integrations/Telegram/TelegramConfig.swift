import ConfigYAML
public import Model

/// One `telegram_configs` entry (Alertmanager 0.25's keys, defaults and checks).
public struct TelegramConfig: Sendable, Hashable {
    /// The Bot API URL (default `https://api.telegram.org`, or `global.telegram_api_url`).
    public var apiURL = "https://api.telegram.org"
    /// The bot token (it goes into the request path).
    public var botToken: Secret
    /// The chat to post to (negative for groups and channels).
    public var chatID: Int64
    /// `message` (default `telegram.default.message`), cut to 4096 characters.
    public var message = TemplateString.unset
    /// `disable_notifications`: deliver silently.
    public var disableNotifications = false
    /// `parse_mode`: `HTML` (the default, values HTML-escaped), `Markdown`, `MarkdownV2` or empty.
    public var parseMode = "HTML"
    /// Whether resolves are sent (default true).
    public var sendResolved = true
    /// `http_config` (authentication, TLS, proxy, redirects).
    public var http = HTTPConfig()

    /// A config with defaults and the given bot and chat.
    public init(botToken: Secret, chatID: Int64) {
        self.botToken = botToken
        self.chatID = chatID
    }

    static let keys = [
        "send_resolved", "http_config", "api_url", "bot_token", "chat_id", "message", "disable_notifications",
        "parse_mode",
    ]
    static let parseModes: Set<String> = ["", "Markdown", "MarkdownV2", "HTML"]

    static func decode(_ node: ConfigNode, _ context: ReceiverContext) -> TelegramConfig? {
        guard let fields = AlertmanagerFields(node, keys: keys) else { return nil }
        let token = fields.inlineSecret("bot_token")
        let chat = fields["chat_id"]?.int(minimum: Int.min, expected: "a chat id (a whole number)")
        var config = TelegramConfig(botToken: token ?? Secret(""), chatID: Int64(chat ?? 0))
        if let b = fields.bool("send_resolved") { config.sendResolved = b }
        config.apiURL = fields.plainURL("api_url") ?? context.global.telegramAPIURL
        config.message = fields.template("message", context)
        config.disableNotifications = fields.bool("disable_notifications") ?? false
        if let mode = fields.string("parse_mode") {
            if parseModes.contains(mode) {
                config.parseMode = mode
            } else {
                fields["parse_mode"]?.fail(expected: "a parse_mode: Markdown, MarkdownV2, HTML or empty", found: "\"\(mode)\"")
            }
        }
        config.http = HTTPConfig.decode(fields["http_config"], defaults: context.global.http)
        if token == nil && fields["bot_token"] == nil {
            node.fail(expected: "bot_token, the Telegram bot's token", found: "none")
        }
        if chat == 0 || (chat == nil && fields["chat_id"] == nil) {
            (fields["chat_id"] ?? node).fail(expected: "chat_id, a non-zero Telegram chat id", found: chat == 0 ? "0" : "none")
        }
        return config
    }
}
