import ConfigYAML
import Model
import PromQL
import Yams

extension BinwatchConfig {
    static let topLevelKeys = [
        "global", "rule_files", "sources", "health_checks", "output", "web", "query", "state", "storage", "alerting",
        "remote_write",
    ]

    /// Decodes the root mapping; every problem goes to `root.diagnostics`.
    static func decode(_ root: ConfigNode, path: String) -> BinwatchConfig {
        var config = BinwatchConfig(
            path: path, global: Global(), ruleFiles: [], sources: Sources(), healthChecks: [], output: Output(),
            web: Web(), query: Query(), state: State(), alerting: nil)
        guard let entries = root.mapping(allowed: topLevelKeys, expected: "a mapping of binwatch.yml sections") else {
            return config
        }
        if let node = entries["global"] { config.global = decodeGlobal(node) }
        if let node = entries["rule_files"], let globs = node.stringList(expected: "rule file globs") {
            config.ruleFiles = globs.map { RuleFileGlob(pattern: $0.0, location: $0.1.location) }
        }
        if let node = entries["sources"] { config.sources = decodeSources(node) }
        if let node = entries["health_checks"] { config.healthChecks = decodeHealthChecks(node) }
        if let node = entries["output"] { config.output = decodeOutput(node) }
        if let node = entries["web"] { config.web = decodeWeb(node, directory: ConfigLoader.directory(of: path)) }
        if let node = entries["query"] { config.query = decodeQuery(node) }
        if let node = entries["state"], let state = node.mapping(allowed: ["path"]) {
            config.state.path = state["path"]?.nonEmptyString(expected: "a file path")
        }
        if let node = entries["storage"] { config.storage = decodeStorage(node) }
        if let node = entries["remote_write"] { config.remoteWrite = decodeRemoteWrite(node, statePath: config.state.path, path: path) }
        if let node = entries["alerting"], !node.isNull {
            if case .mapping = node.node { config.alerting = YAMLNode(node: node.node) } else { node.fail(expected: "a mapping (route, receivers, …)") }
        }
        return config
    }

    private static func decodeGlobal(_ node: ConfigNode) -> Global {
        var global = Global()
        let keys = [
            "evaluation_interval", "external_labels", "external_url", "source_timeout", "for_outage_tolerance",
            "for_grace_period", "resend_delay",
        ]
        guard let entries = node.mapping(allowed: keys) else { return global }
        if let value = entries["evaluation_interval"]?.duration() { global.evaluationInterval = value }
        if let value = entries["external_labels"]?.labelMap() { global.externalLabels = value }
        if let value = entries["external_url"]?.expandedString(expected: "a URL") { global.externalURL = value }
        if let value = entries["source_timeout"]?.duration() { global.sourceTimeout = value }
        if let value = entries["for_outage_tolerance"]?.duration() { global.forOutageTolerance = value }
        if let value = entries["for_grace_period"]?.duration(positive: false) { global.forGracePeriod = value }
        if let value = entries["resend_delay"]?.duration(positive: false) { global.resendDelay = value }
        return global
    }

    private static func decodeSources(_ node: ConfigNode) -> Sources {
        var sources = Sources()
        guard case .mapping(let mapping) = node.node else {
            if !node.isNull { node.fail(expected: "a mapping of source kinds (textfile, postgres, statistics, probes, scrape)") }
            return sources
        }
        for (keyNode, valueNode) in mapping {
            let key = keyNode.string ?? ""
            if key == "textfile" {
                sources.textfiles = decodeTextfileSources(node.child(valueNode, key: key))
            } else {
                sources.collectorNodes.append((key, YAMLNode(node: valueNode)))
            }
        }
        var names = Set<String>()
        for source in sources.textfiles where !names.insert(source.name).inserted {
            node.fail(expected: "unique source names", found: "\"\(source.name)\" twice")
        }
        return sources
    }

    private static func decodeTextfileSources(_ node: ConfigNode) -> [TextfileSourceConfig] {
        guard let items = node.sequence(expected: "a list of {name, path}") else { return [] }
        return items.compactMap { item in
            guard let entries = item.mapping(allowed: ["name", "path"]) else { return nil }
            let name = entries["name"]?.nonEmptyString(expected: "a source name")
            let path = entries["path"]?.nonEmptyString(expected: "a file path")
            if entries["name"] == nil { item.fail(expected: "a name key", found: "none") }
            if entries["path"] == nil { item.fail(expected: "a path key", found: "none") }
            guard let name, let path else { return nil }
            return TextfileSourceConfig(name: name, path: path)
        }
    }

    private static func decodeOutput(_ node: ConfigNode) -> Output {
        var output = Output()
        guard let entries = node.mapping(allowed: ["textfile", "source_metrics"]) else { return output }
        output.textfile = entries["textfile"]?.nonEmptyString(expected: "a .prom file path")
        if let list = entries["source_metrics"]?.stringList(expected: "PromQL series selectors") {
            for (text, item) in list {
                do {
                    guard case .vectorSelector(let selector) = try Parser.parseExpr(text).unwrappingParens,
                        selector.originalOffset == 0, selector.timestamp == nil, selector.startOrEnd == nil
                    else {
                        item.fail(expected: "a series selector such as pg_up or bin_utilization_cache_age_seconds{facility_id=\"F1\"}")
                        continue
                    }
                    output.sourceMetrics.append(selector.matchers)
                } catch {
                    item.fail(expected: "a series selector", found: "\"\(text)\" (\(error))")
                }
            }
        }
        return output
    }
}

/// `host:port` split once; IPv6 hosts go in brackets (`[::1]:9464`).
public struct ListenAddress: Sendable, Equatable {
    public var host: String
    public var port: Int

    /// Parses `host:port`; nil when malformed.
    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.host = host.isEmpty ? "0.0.0.0" : host
        self.port = port
    }
}
