import ConfigYAML
public import Model

/// One `slack_configs` entry (Alertmanager 0.25 keys).
public struct SlackConfig: Sendable, Hashable {
    /// One attachment field.
    public struct Field: Sendable, Hashable {
        /// Field title (templatable).
        public var title: TemplateString
        /// Field value (templatable).
        public var value: TemplateString
        /// Whether the field is short; nil uses `short_fields`.
        public var short: Bool?

        /// Creates a field.
        public init(title: TemplateString, value: TemplateString, short: Bool?) {
            self.title = title
            self.value = value
            self.short = short
        }
    }

    /// The incoming-webhook URL (a secret: it carries the token).
    public var apiURL: Secret
    /// Whether resolved notifications are sent (default false for Slack).
    public var sendResolved = false
    /// Channel override (templatable).
    public var channel = TemplateString.unset
    /// Username (default `Alertmanager`).
    public var username = TemplateString.unset
    /// `icon_emoji`.
    public var iconEmoji = TemplateString.unset
    /// `icon_url`.
    public var iconURL = TemplateString.unset
    /// `link_names`.
    public var linkNames = false
    /// Attachment title (default `__subject`).
    public var title = TemplateString.unset
    /// Attachment title link (default the alerts page).
    public var titleLink = TemplateString.unset
    /// Attachment pretext.
    public var pretext = TemplateString.unset
    /// Attachment text.
    public var text = TemplateString.unset
    /// Attachment color (default danger/good).
    public var color = TemplateString.unset
    /// Attachment fallback (default `title | title_link`).
    public var fallback = TemplateString.unset
    /// Attachment callback id.
    public var callbackID = TemplateString.unset
    /// Attachment footer.
    public var footer = TemplateString.unset
    /// `image_url`.
    public var imageURL = TemplateString.unset
    /// `thumb_url`.
    public var thumbURL = TemplateString.unset
    /// Fields.
    public var fields: [Field] = []
    /// Default `short` for fields.
    public var shortFields = false
    /// `mrkdwn_in` (default fallback, pretext, text).
    public var mrkdwnIn: [String] = ["fallback", "pretext", "text"]
    /// `http_config` (authentication, TLS, proxy, redirects).
    public var http = HTTPConfig()

    /// A config with defaults and the given credential.
    public init(apiURL: Secret) { self.apiURL = apiURL }

    static let keys = [
        "api_url", "api_url_file", "send_resolved", "channel", "username", "icon_emoji", "icon_url", "link_names",
        "title", "title_link", "pretext", "text", "color", "fallback", "callback_id", "footer", "image_url", "thumb_url",
        "short_fields", "mrkdwn_in", "fields", "http_config",
    ]

    static func decode(_ node: ConfigNode, _ context: ReceiverContext) -> SlackConfig? {
        guard let fields = AlertmanagerFields(node, keys: keys, unsupported: ["actions"]) else { return nil }
        let url = fields.secret("api_url", fileKey: "api_url_file") ?? context.global.slackAPIURL
        var config = SlackConfig(apiURL: url ?? Secret(""))
        if let b = fields.bool("send_resolved") { config.sendResolved = b }
        config.channel = fields.template("channel", context)
        config.username = fields.template("username", context)
        config.iconEmoji = fields.template("icon_emoji", context)
        config.iconURL = fields.template("icon_url", context)
        config.linkNames = fields.bool("link_names") ?? false
        config.title = fields.template("title", context)
        config.titleLink = fields.template("title_link", context)
        config.pretext = fields.template("pretext", context)
        config.text = fields.template("text", context)
        config.color = fields.template("color", context)
        config.fallback = fields.template("fallback", context)
        config.callbackID = fields.template("callback_id", context)
        config.footer = fields.template("footer", context)
        config.imageURL = fields.template("image_url", context)
        config.thumbURL = fields.template("thumb_url", context)
        config.shortFields = fields.bool("short_fields") ?? false
        if let list = fields.strings("mrkdwn_in") { config.mrkdwnIn = list.map(\.text) }
        for fieldNode in fields.list("fields") {
            guard let field = AlertmanagerFields(fieldNode, keys: ["title", "value", "short"]) else { continue }
            let title = field.template("title", context)
            let value = field.template("value", context)
            if title == .unset || value == .unset {
                fieldNode.fail(expected: "a Slack field with a title and a value", found: "missing title or value")
            }
            config.fields.append(Field(
                title: title == .unset ? .literal("") : title, value: value == .unset ? .literal("") : value,
                short: field.bool("short")))
        }
        config.http = HTTPConfig.decode(fields["http_config"], defaults: context.global.http)
        if url == nil && fields["api_url"] == nil && fields["api_url_file"] == nil {
            node.fail(expected: "one of api_url or api_url_file (here or as global.slack_api_url)", found: "neither")
        }
        return config
    }
}
