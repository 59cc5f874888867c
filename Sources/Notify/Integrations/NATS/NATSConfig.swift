import ConfigYAML
import Yams
public import Model
public import NATSClient

/// One `nats_configs` entry: binwatch's own receiver (Alertmanager has none) for the NATS
/// event bus the origin's documents publish to (`agog.deliverables.<agent>.…` subjects).
/// Each notification is published as Alertmanager's webhook JSON (version 4) to `subject`.
public struct NATSConfig: Sendable, Hashable {
    /// The servers, tried in order on each attempt until one accepts the connection.
    public var servers: [NATSServerURL]
    /// The subject every notification is published to (literal: no wildcard, no template).
    public var subject: String
    /// The user name (with `password`).
    public var user: String?
    /// The password of `user`.
    public var password: Secret?
    /// An authorization token, instead of user and password.
    public var token: Secret?
    /// Whether to publish through JetStream and wait for its acknowledgement (the message is
    /// then stored in a stream), rather than a core NATS publish confirmed by `PING`/`PONG`.
    public var jetStream = false
    /// Whether resolves are sent (default true, as for webhooks).
    public var sendResolved = true
    /// Most alerts per message; 0 = unlimited (as webhook's `max_alerts`).
    public var maxAlerts = 0
    /// A bound of the attempt shorter than the route's (`NotificationDeadline`); nil = the route's.
    public var timeout: PromDuration?

    /// A config with defaults.
    public init(servers: [NATSServerURL], subject: String) {
        self.servers = servers
        self.subject = subject
    }

    static let keys = [
        "url", "subject", "user", "password", "password_file", "token", "token_file", "jetstream", "send_resolved",
        "max_alerts", "timeout",
        // Named so that they are refused with a reason, not as unknown keys.
        "creds_file", "nkey", "nkey_file", "tls_config",
    ]

    static func decode(_ node: ConfigNode, _ context: ReceiverContext) -> NATSConfig? {
        guard let fields = AlertmanagerFields(node, keys: keys) else { return nil }
        let servers = decodeServers(fields)
        var subject = ""
        if let value = fields["subject"] {
            if let text = value.string() {
                if let problem = NATSSubject.publishProblem(text) {
                    value.fail(expected: "a NATS subject to publish to (dot-separated tokens, no wildcard, no space)", found: problem)
                } else {
                    subject = text
                }
            }
        } else {
            // Absent or null alike: there is nowhere to publish.
            node.missing("subject", expected: "the NATS subject to publish to")
        }
        var config = NATSConfig(servers: servers ?? [], subject: subject)
        decodeCredentials(fields, into: &config)
        for key in ["creds_file", "nkey", "nkey_file"] where fields.has(key) {
            (fields[key] ?? node).fail(
                expected: "user/password or token credentials (binwatch's NATS client has no NKey or JWT support yet)",
                found: key)
        }
        if fields.has("tls_config") {
            (fields["tls_config"] ?? node).fail(
                expected: "a plain nats:// connection (binwatch's NATS client does not speak TLS yet)", found: "tls_config")
        }
        if let b = fields.bool("jetstream") { config.jetStream = b }
        if let b = fields.bool("send_resolved") { config.sendResolved = b }
        if let n = fields.int("max_alerts") { config.maxAlerts = n }
        config.timeout = fields["timeout"]?.duration(positive: true)
        return servers == nil ? nil : config
    }

    /// `url`: one `nats://host[:port]`, several comma-separated, or a list of them.
    private static func decodeServers(_ fields: AlertmanagerFields) -> [NATSServerURL]? {
        let expected = "a nats://host[:port] URL, several separated by commas, or a list of them"
        guard let value = fields["url"] else {
            fields.node.missing("url", expected: expected)
            return nil
        }
        var items: [(text: String, node: ConfigNode)] = []
        if case .sequence = value.node {
            items = fields.strings("url") ?? []
            if items.isEmpty { value.fail(expected: expected, found: "an empty list") }
        } else if let text = value.string(expected: expected) {
            items = [(text, value)]
        }
        var servers: [NATSServerURL] = []
        for item in items {
            do throws(NATSError) {
                servers += try NATSServerURL.parseList(item.text)
            } catch {
                item.node.fail(expected: expected, found: error.message)
            }
        }
        return servers.isEmpty ? nil : servers
    }

    /// `user` with `password`/`password_file`, or `token`/`token_file`: one kind at most, as
    /// a NATS server checks one.
    private static func decodeCredentials(_ fields: AlertmanagerFields, into config: inout NATSConfig) {
        config.user = fields.string("user")
        config.password = fields.secret("password", fileKey: "password_file")
        config.token = fields.secret("token", fileKey: "token_file")
        let hasPassword = fields.has("password") || fields.has("password_file")
        let hasToken = fields.has("token") || fields.has("token_file")
        if fields.has("user") && !hasPassword {
            (fields["user"] ?? fields.node).fail(expected: "password or password_file beside user", found: "user without a password")
        }
        if hasPassword && !fields.has("user") {
            fields.node.fail(expected: "user beside password", found: "a password without a user")
        }
        if hasToken && (fields.has("user") || hasPassword) {
            fields.node.fail(expected: "either user and password or token", found: "both")
        }
    }
}
