public import Model
import Yams

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
    /// Timeouts.
    public var http = HTTPConfig()

    /// A config with defaults and the given credential.
    public init(apiURL: Secret) { self.apiURL = apiURL }

    static func decode(_ node: Node, path: String, global: GlobalConfig, _ diagnostics: NotifyDiagnostics) -> SlackConfig? {
        guard var map = YAMLMap(node, path: path, diagnostics) else { return nil }
        let url = map.secret("api_url", fileKey: "api_url_file") ?? global.slackAPIURL
        var config = SlackConfig(apiURL: url ?? Secret(""))
        if let b = map.bool("send_resolved") { config.sendResolved = b }
        config.channel = map.template("channel")
        config.username = map.template("username")
        config.iconEmoji = map.template("icon_emoji")
        config.iconURL = map.template("icon_url")
        config.linkNames = map.bool("link_names") ?? false
        config.title = map.template("title")
        config.titleLink = map.template("title_link")
        config.pretext = map.template("pretext")
        config.text = map.template("text")
        config.color = map.template("color")
        config.fallback = map.template("fallback")
        config.callbackID = map.template("callback_id")
        config.footer = map.template("footer")
        config.imageURL = map.template("image_url")
        config.thumbURL = map.template("thumb_url")
        config.shortFields = map.bool("short_fields") ?? false
        if let list = map.stringList("mrkdwn_in") { config.mrkdwnIn = list }
        for (fieldNode, fieldPath) in map.list("fields") {
            guard var fieldMap = YAMLMap(fieldNode, path: fieldPath, diagnostics) else { continue }
            let title = fieldMap.template("title")
            let value = fieldMap.template("value")
            if title == .unset || value == .unset {
                diagnostics.error(fieldNode, fieldPath, "missing title or value in Slack field configuration")
            }
            config.fields.append(Field(
                title: title == .unset ? .literal("") : title, value: value == .unset ? .literal("") : value,
                short: fieldMap.bool("short")))
            fieldMap.rejectUnknownKeys()
        }
        config.http = HTTPConfig.decode(&map, defaults: global.http)
        map.rejectUnknownKeys()
        if url == nil && !diagnostics.errors.contains(where: { $0.keyPath.hasPrefix(path + ".api_url") }) {
            diagnostics.error(node, path, "one of api_url or api_url_file must be configured (here or as global.slack_api_url)")
        }
        return config
    }
}
