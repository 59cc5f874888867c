public import ConfigYAML
public import Model
import Yams

/// The notification config binwatch embeds under `alerting:` in binwatch.yml, in
/// Alertmanager's own syntax (`route`, `inhibit_rules`, `receivers`) plus Prometheus's
/// `alertmanagers:` forward targets.
public struct NotifyConfig: Sendable {
    /// The `global:` defaults.
    public var global: GlobalConfig
    /// The routing tree's root.
    public var route: Route
    /// Inhibition rules.
    public var inhibitRules: [InhibitRule]
    /// Receivers by config order.
    public var receivers: [ReceiverConfig]
    /// Alertmanagers to forward alerts to.
    public var alertmanagers: [AlertmanagerConfig]
    /// `default.tmpl` plus the `templates:` files, with every field template compiled.
    public var templates = NotificationTemplates.defaults
    /// `data_retention`: the longest a notification-log entry is kept (Alertmanager's
    /// `--data.retention`, default 120h); entries of routes with a shorter
    /// 2 × repeat_interval expire sooner, as in Alertmanager's `nflog.Log`.
    public var dataRetention = NotifyConfig.defaultDataRetention
    /// Alertmanager's default `--data.retention`.
    public static let defaultDataRetention = PromDuration(seconds: 120 * 3600)
    /// How long one delivery attempt may take; nil = Alertmanager's bound, the route's
    /// group_interval but at least 10 s (see `NotificationDeadline`). A binwatch key, like
    /// `data_retention`: Alertmanager has no such setting.
    public var notificationTimeout: PromDuration?
    /// `time_intervals` and `mute_time_intervals` by name, for routes' mute/active lists.
    public var timeIntervals = TimeIntervals()
    /// Advice that leaves the config valid, such as a secret written inline (never its value).
    public var warnings: [ConfigError] = []

    /// Alertmanager 0.25's top-level keys binwatch reads, plus its own `alertmanagers`,
    /// `data_retention` and `notification_timeout`.
    static let keys = [
        "global", "route", "inhibit_rules", "receivers", "templates", "alertmanagers", "data_retention",
        "notification_timeout", "time_intervals", "mute_time_intervals",
    ]

    /// Decodes and validates the section, adding every problem to the node's diagnostics
    /// (each at its `file:line:col`) and advice, such as an inline secret, to its warnings.
    /// `*_file` secrets are read through the diagnostics' `readFile`; without one they stay
    /// unread (as amtool leaves them) and the config is fit for checking only.
    /// - Parameter node: the `alerting:` mapping (its key path prefixes every error's).
    /// - Returns: the config, or nil when the section has errors.
    public static func decode(_ node: ConfigNode) -> NotifyConfig? {
        let diagnostics = node.diagnostics
        let (errorsBefore, warningsBefore) = (diagnostics.errors.count, diagnostics.warnings.count)
        guard let fields = AlertmanagerFields(node, keys: keys) else { return nil }

        let global = GlobalConfig.decode(fields["global"])
        let context = ReceiverContext(global: global, templates: TemplateFiles.decode(fields["templates"]))
        var receivers: [ReceiverConfig] = []
        var receiverNames: Set<String> = []
        for receiverNode in fields.list("receivers") {
            guard let receiver = ReceiverConfig.decode(receiverNode, context) else { continue }
            if !receiverNames.insert(receiver.name).inserted {
                receiverNode.fail(expected: "a unique receiver name", found: "\"\(receiver.name)\" again")
            }
            receivers.append(receiver)
        }

        let timeIntervals = TimeIntervals.decode(fields)
        var route = Route(id: "0", parentKey: nil, matchers: [], continueMatching: false,
                          options: .rootDefaults(receiver: ""), routes: [])
        if let routeNode = fields["route"] {
            if let decoded = Route.decode(routeNode, id: "0", parent: nil, timeIntervals: Set(timeIntervals.byName.keys)) {
                route = decoded
                for sub in route.allRoutes where !receiverNames.contains(sub.options.receiver) && !sub.options.receiver.isEmpty {
                    routeNode.fail(expected: "a receiver defined under receivers",
                                   found: "undefined receiver \"\(sub.options.receiver)\" used in route")
                }
            }
        } else if fields.has("route") || !receivers.isEmpty {
            node.fail(expected: "a route (no route provided in config)", found: "none")
        }

        let inhibitRules = fields.list("inhibit_rules").compactMap(InhibitRule.decode)
        let alertmanagers = fields.list("alertmanagers").compactMap(AlertmanagerConfig.decode)
        let dataRetention = fields["data_retention"]?.duration() ?? defaultDataRetention
        let notificationTimeout = fields["notification_timeout"]?.duration()
        guard diagnostics.errors.count == errorsBefore else { return nil }
        var config = NotifyConfig(
            global: global, route: route, inhibitRules: inhibitRules, receivers: receivers, alertmanagers: alertmanagers,
            templates: context.templates, dataRetention: dataRetention)
        config.notificationTimeout = notificationTimeout
        config.timeIntervals = timeIntervals
        config.warnings = Array(diagnostics.warnings.dropFirst(warningsBefore))
        return config
    }

    /// Parses YAML text whose top level is the `alerting:` section itself (tests, and a
    /// standalone alertmanager.yml): its first document, as amtool reads it.
    /// - Parameters:
    ///   - environment: variables `${NAME}` secrets resolve from.
    ///   - readFile: reads `*_file` secrets; nil leaves them unread, as amtool does.
    /// - Throws: `ConfigErrors` with every problem, in file order, YAML syntax errors included.
    public static func parse(
        yaml: String, file: String, environment: [String: String] = [:], readFile: ((String) -> String?)? = nil
    ) throws(ConfigErrors) -> NotifyConfig {
        let diagnostics = ConfigDiagnostics(file: file, environment: environment, readFile: readFile)
        let document: Node?
        do {
            document = try YAMLDocuments.first(yaml).document
        } catch {
            throw ConfigErrors([ConfigError(syntax: error, file: file)])
        }
        guard let document, !document.isYAMLNull else {
            throw ConfigErrors([ConfigError(
                location: SourceLocation(file: file, line: 1, column: 1), keyPath: "alerting",
                expected: "an Alertmanager configuration", found: "an empty document")])
        }
        let config = decode(ConfigNode(node: document, keyPath: "alerting", diagnostics: diagnostics))
        guard let config, diagnostics.errors.isEmpty else {
            throw ConfigErrors(diagnostics.errors.sorted { $0.location < $1.location })
        }
        return config
    }

    /// The receiver named `name`.
    public func receiver(named name: String) -> ReceiverConfig? { receivers.first { $0.name == name } }
}

extension InhibitRule {
    static func decode(_ node: ConfigNode) -> InhibitRule? {
        let keys = [
            "source_match", "source_match_re", "source_matchers", "target_match", "target_match_re", "target_matchers", "equal",
        ]
        guard let fields = AlertmanagerFields(node, keys: keys) else { return nil }
        let source = Route.decodeMatchers(fields, prefix: "source_")
        let target = Route.decodeMatchers(fields, prefix: "target_")
        var equal: [String] = []
        for (name, nameNode) in fields.strings("equal") ?? [] {
            if MetricNames.isValidLabelName(name) { equal.append(name) } else { nameNode.fail(expected: "a label name") }
        }
        return InhibitRule(sourceMatchers: source, targetMatchers: target, equal: equal)
    }
}
