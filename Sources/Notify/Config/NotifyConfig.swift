import ConfigYAML
public import Model
public import Yams

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
    /// Advice that leaves the config valid, such as a secret written inline (never its value).
    public var warnings: [NotifyConfigError] = []

    /// Decodes and validates the section.
    /// - Parameters:
    ///   - node: the `alerting:` mapping node (Yams keeps line:col marks).
    ///   - file: the file name errors are reported against.
    ///   - keyPath: the node's key path (`alerting`).
    ///   - environment: variables `${NAME}` secrets resolve from.
    ///   - readFile: reads `*_file` secrets; nil when unreadable.
    /// - Throws: `NotifyConfigErrors` with every problem found, each at its `file:line:col`.
    public static func decode(
        _ node: Node, file: String, keyPath: String = "alerting", environment: [String: String],
        readFile: @escaping (String) -> String?
    ) throws(NotifyConfigErrors) -> NotifyConfig {
        let diagnostics = NotifyDiagnostics(file: file, environment: environment, readFile: readFile)
        guard var map = YAMLMap(node, path: keyPath, diagnostics) else { throw NotifyConfigErrors(diagnostics.errors) }

        map.refuseUnsupported(["time_intervals", "mute_time_intervals"])
        let global = GlobalConfig.decode(map.value("global"), path: map.childPath("global"), diagnostics)
        diagnostics.templates = TemplateFiles.decode(&map, configFile: file, diagnostics)
        var receivers: [ReceiverConfig] = []
        var receiverNodes: [String: Node] = [:]
        for (receiverNode, path) in map.list("receivers") {
            guard let receiver = ReceiverConfig.decode(receiverNode, path: path, global: global, diagnostics) else { continue }
            if receiverNodes[receiver.name] != nil {
                diagnostics.error(receiverNode, path, "notification config name \"\(receiver.name)\" is not unique")
            }
            receiverNodes[receiver.name] = receiverNode
            receivers.append(receiver)
        }

        var route = Route(id: "0", parentKey: nil, matchers: [], continueMatching: false,
                          options: .rootDefaults(receiver: ""), routes: [])
        if let routeNode = map.value("route") {
            if let decoded = Route.decode(routeNode, path: map.childPath("route"), id: "0", parent: nil, diagnostics) {
                route = decoded
                for sub in route.allRoutes where receiverNodes[sub.options.receiver] == nil && !sub.options.receiver.isEmpty {
                    diagnostics.error(routeNode, map.childPath("route"), "undefined receiver \"\(sub.options.receiver)\" used in route")
                }
            }
        } else if map.has("route") || !receivers.isEmpty {
            diagnostics.error(node, keyPath, "no route provided in config")
        }

        var inhibitRules: [InhibitRule] = []
        for (ruleNode, path) in map.list("inhibit_rules") {
            if let rule = InhibitRule.decode(ruleNode, path: path, diagnostics) { inhibitRules.append(rule) }
        }
        var alertmanagers: [AlertmanagerConfig] = []
        for (amNode, path) in map.list("alertmanagers") {
            if let am = AlertmanagerConfig.decode(amNode, path: path, diagnostics) { alertmanagers.append(am) }
        }
        let dataRetention = map.duration("data_retention") ?? defaultDataRetention
        if dataRetention.milliseconds <= 0 {
            diagnostics.error(map.value("data_retention"), map.childPath("data_retention"), "data_retention must be positive")
        }
        map.rejectUnknownKeys()
        if !diagnostics.errors.isEmpty { throw NotifyConfigErrors(diagnostics.errors) }
        return NotifyConfig(
            global: global, route: route, inhibitRules: inhibitRules, receivers: receivers, alertmanagers: alertmanagers,
            templates: diagnostics.templates, dataRetention: dataRetention, warnings: diagnostics.warnings)
    }

    /// Parses YAML text whose top level is the `alerting:` section itself (tests, `check config`).
    /// - Throws: `NotifyConfigErrors`, including YAML syntax errors.
    public static func parse(
        yaml: String, file: String, environment: [String: String] = [:],
        readFile: @escaping (String) -> String? = { _ in nil }
    ) throws(NotifyConfigErrors) -> NotifyConfig {
        let node: Node?
        do {
            // amtool reads the first document (yaml.UnmarshalStrict); merge keys fold in as in go-yaml.
            node = try YAMLDocuments.first(yaml).document
        } catch {
            throw NotifyConfigErrors([NotifyConfigError(
                location: SourceLocation(file: file, line: max(error.line, 1), column: max(error.column, 1)),
                keyPath: "alerting", message: "invalid YAML: \(error.problem)")])
        }
        guard let node, !node.isYAMLNull else {
            throw NotifyConfigErrors([NotifyConfigError(
                location: SourceLocation(file: file, line: 1, column: 1), keyPath: "alerting", message: "empty document")])
        }
        return try decode(node, file: file, environment: environment, readFile: readFile)
    }

    /// The receiver named `name`.
    public func receiver(named name: String) -> ReceiverConfig? { receivers.first { $0.name == name } }
}

extension InhibitRule {
    static func decode(_ node: Node, path: String, _ diagnostics: NotifyDiagnostics) -> InhibitRule? {
        guard var map = YAMLMap(node, path: path, diagnostics) else { return nil }
        func matchers(_ key: String, legacy: String, legacyRE: String) -> [Matcher] {
            var out: [Matcher] = []
            for (name, value, keyNode) in map.stringMap(legacy) ?? [] {
                if let m = try? Matcher(.equal, name, value) { out.append(m) } else {
                    diagnostics.error(keyNode, map.childPath(legacy), "invalid matcher")
                }
            }
            for (name, value, keyNode) in map.regexMap(legacyRE) ?? [] {
                do { out.append(try Matcher(.regexMatch, name, "^(?:\(value))$")) } catch {
                    diagnostics.error(keyNode, map.childPath(legacyRE), "\(error)")
                }
            }
            let listNode = map.value(key)
            for (index, text) in (map.stringList(key) ?? []).enumerated() {
                do { out += try MatcherParser.parse(text) } catch {
                    diagnostics.error(listNode, "\(map.childPath(key))[\(index)]", "\(error)")
                }
            }
            return out
        }
        let source = matchers("source_matchers", legacy: "source_match", legacyRE: "source_match_re")
        let target = matchers("target_matchers", legacy: "target_match", legacyRE: "target_match_re")
        let equal = map.stringList("equal") ?? []
        for name in equal where !MetricNames.isValidLabelName(name) {
            diagnostics.error(map.value("equal"), map.childPath("equal"), "invalid label name \"\(name)\"")
        }
        map.rejectUnknownKeys()
        return InhibitRule(sourceMatchers: source, targetMatchers: target, equal: equal)
    }
}
