import ConfigYAML
public import Model

/// One `victorops_configs` entry (Alertmanager 0.25's keys, defaults and checks).
public struct VictorOpsConfig: Sendable, Hashable {
    /// The REST integration's API key (it goes into the request path).
    public var apiKey: Secret
    /// The REST endpoint, ending in `/` (`{api_key}/{routing_key}` is appended).
    public var apiURL = "https://alert.victorops.com/integrations/generic/20131114/alert/"
    /// `routing_key` (a template).
    public var routingKey: TemplateString
    /// `message_type` (default `CRITICAL`; a firing one outside INFO, WARNING, CRITICAL is sent
    /// as CRITICAL, and a resolved notification is always RECOVERY).
    public var messageType = TemplateString.literal(DefaultTemplates.VictorOps.messageType)
    /// `state_message` (default `victorops.default.state_message`), cut to 20480 characters.
    public var stateMessage = TemplateString.unset
    /// `entity_display_name` (default `victorops.default.entity_display_name`).
    public var entityDisplayName = TemplateString.unset
    /// `monitoring_tool` (default `victorops.default.monitoring_tool`).
    public var monitoringTool = TemplateString.unset
    /// `custom_fields`, added to the body.
    public var customFields: [String: TemplateString] = [:]
    /// Whether resolves are sent (default true).
    public var sendResolved = true
    /// `http_config` (authentication, TLS, proxy, redirects).
    public var http = HTTPConfig()

    /// A config with defaults and the given credential and routing key.
    public init(apiKey: Secret, routingKey: TemplateString) {
        self.apiKey = apiKey
        self.routingKey = routingKey
    }

    static let keys = [
        "send_resolved", "http_config", "api_key", "api_key_file", "api_url", "routing_key", "message_type",
        "state_message", "entity_display_name", "monitoring_tool", "custom_fields",
    ]
    /// Body keys `custom_fields` may not replace.
    static let reservedFields = [
        "routing_key", "message_type", "state_message", "entity_display_name", "monitoring_tool", "entity_id", "entity_state",
    ]

    static func decode(_ node: ConfigNode, _ context: ReceiverContext) -> VictorOpsConfig? {
        guard let fields = AlertmanagerFields(node, keys: keys) else { return nil }
        let key = fields.secret("api_key", fileKey: "api_key_file") ?? context.global.victoropsAPIKey
        let routingKey = fields.template("routing_key", context)
        var config = VictorOpsConfig(apiKey: key ?? Secret(""), routingKey: routingKey)
        if let b = fields.bool("send_resolved") { config.sendResolved = b }
        config.apiURL = OpsGenieConfig.withTrailingSlash(fields.plainURL("api_url") ?? context.global.victoropsAPIURL)
        if fields["message_type"] != nil { config.messageType = fields.template("message_type", context) }
        config.stateMessage = fields.template("state_message", context)
        config.entityDisplayName = fields.template("entity_display_name", context)
        config.monitoringTool = fields.template("monitoring_tool", context)
        for entry in fields.templates("custom_fields", context) {
            if reservedFields.contains(entry.name) {
                fields["custom_fields"]?.fail(
                    expected: "custom fields other than the fixed ones (\(reservedFields.joined(separator: ", ")))",
                    found: "\"\(entry.name)\"")
            }
            config.customFields[entry.name] = entry.text
        }
        config.http = HTTPConfig.decode(fields["http_config"], defaults: context.global.http)
        if routingKey == .unset || routingKey == .literal("") {
            (fields["routing_key"] ?? node).fail(expected: "routing_key, the VictorOps routing key", found: "none")
        }
        if key == nil && fields["api_key"] == nil && fields["api_key_file"] == nil {
            node.fail(expected: "one of api_key or api_key_file (here or as global.victorops_api_key[_file])",
                      found: "neither")
        }
        return config
    }
}
