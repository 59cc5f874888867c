import ConfigYAML
public import Model

/// One `opsgenie_configs` entry (Alertmanager 0.25's keys, defaults and checks).
public struct OpsGenieConfig: Sendable, Hashable {
    /// One `responders` entry; each field is a template.
    public struct Responder: Sendable, Hashable {
        /// `id`.
        public var id: TemplateString
        /// `name` (for type `teams`: a comma-separated list of team names).
        public var name: TemplateString
        /// `username`.
        public var username: TemplateString
        /// `type`: team, teams, user, escalation or schedule, as written.
        public var type: TemplateString

        /// Creates a responder.
        public init(id: TemplateString = .unset, name: TemplateString = .unset, username: TemplateString = .unset,
                    type: TemplateString) {
            (self.id, self.name, self.username, self.type) = (id, name, username, type)
        }
    }

    /// The API key, sent as `Authorization: GenieKey …`.
    public var apiKey: Secret
    /// The API base URL, ending in `/` (`v2/alerts` is appended).
    public var apiURL = "https://api.opsgenie.com/"
    /// Whether resolves close the alert (default true).
    public var sendResolved = true
    /// `message` (default `opsgenie.default.message`), cut to 130 characters.
    public var message = TemplateString.unset
    /// `description` (default `opsgenie.default.description`).
    public var description = TemplateString.unset
    /// `source` (default `opsgenie.default.source`, the alerts page).
    public var source = TemplateString.unset
    /// `details`, merged over the common labels.
    public var details: [String: TemplateString] = [:]
    /// `entity`.
    public var entity = TemplateString.unset
    /// `responders`.
    public var responders: [Responder] = []
    /// `actions`, comma-separated once rendered.
    public var actions = TemplateString.unset
    /// `tags`, comma-separated once rendered.
    public var tags = TemplateString.unset
    /// `note`.
    public var note = TemplateString.unset
    /// `priority` (P1…P5).
    public var priority = TemplateString.unset
    /// `update_alerts`: after each create, update the message and description of an alert
    /// OpsGenie already holds under the alias (two PUT requests).
    public var updateAlerts = false
    /// `http_config` (authentication, TLS, proxy, redirects).
    public var http = HTTPConfig()

    /// A config with defaults and the given credential.
    public init(apiKey: Secret) { self.apiKey = apiKey }

    static let keys = [
        "send_resolved", "http_config", "api_key", "api_key_file", "api_url", "message", "description", "source",
        "details", "entity", "responders", "actions", "tags", "note", "priority", "update_alerts",
    ]
    /// Alertmanager 0.25's responder types (`opsgenieValidTypesRe`).
    static let responderTypes: Set<String> = ["team", "teams", "user", "escalation", "schedule"]

    static func decode(_ node: ConfigNode, _ context: ReceiverContext) -> OpsGenieConfig? {
        guard let fields = AlertmanagerFields(node, keys: keys) else { return nil }
        let key = fields.secret("api_key", fileKey: "api_key_file") ?? context.global.opsgenieAPIKey
        var config = OpsGenieConfig(apiKey: key ?? Secret(""))
        if let b = fields.bool("send_resolved") { config.sendResolved = b }
        config.apiURL = withTrailingSlash(fields.plainURL("api_url") ?? context.global.opsgenieAPIURL)
        config.message = fields.template("message", context)
        config.description = fields.template("description", context)
        config.source = fields.template("source", context)
        for entry in fields.templates("details", context) { config.details[entry.name] = entry.text }
        config.entity = fields.template("entity", context)
        config.actions = fields.template("actions", context)
        config.tags = fields.template("tags", context)
        config.note = fields.template("note", context)
        config.priority = fields.template("priority", context)
        config.updateAlerts = fields.bool("update_alerts") ?? false
        config.responders = fields.list("responders").compactMap { decodeResponder($0, context) }
        config.http = HTTPConfig.decode(fields["http_config"], defaults: context.global.http)
        if key == nil && fields["api_key"] == nil && fields["api_key_file"] == nil {
            node.fail(expected: "one of api_key or api_key_file (here or as global.opsgenie_api_key[_file])",
                      found: "neither")
        }
        return config
    }

    /// A responder needs an id, a name or a username, and a type among Alertmanager's: a
    /// literal type is compared in lower case but sent as written, as 0.25 does; a
    /// templated one is only parsed, as there.
    private static func decodeResponder(_ node: ConfigNode, _ context: ReceiverContext) -> Responder? {
        guard let fields = AlertmanagerFields(node, keys: ["id", "name", "username", "type"]) else { return nil }
        let responder = Responder(
            id: fields.template("id", context), name: fields.template("name", context),
            username: fields.template("username", context), type: fields.template("type", context))
        let named = [responder.id, responder.name, responder.username].contains { $0 != .unset && $0 != .literal("") }
        if !named {
            node.fail(expected: "an OpsGenie responder with at least one of id, username or name", found: "none of them")
        }
        switch responder.type {
        case .template: break
        case .literal(let type) where responderTypes.contains(type.lowercased()): break
        case .literal(let type):
            (fields["type"] ?? node).fail(
                expected: "a responder type: team, teams, user, escalation or schedule", found: "\"\(type)\"")
        case .unset:
            node.fail(expected: "a responder type: team, teams, user, escalation or schedule", found: "none")
        }
        return named ? responder : nil
    }

    /// Alertmanager appends `/` to the API URL's path when it lacks one.
    static func withTrailingSlash(_ url: String) -> String {
        let query = url.firstIndex { $0 == "?" || $0 == "#" } ?? url.endIndex
        let path = url[..<query]
        return path.hasSuffix("/") ? url : String(path) + "/" + String(url[query...])
    }
}
