import ConfigYAML
public import Model
import Yams

/// One entry of `sources.scrape` in binwatch.yml, in prometheus.yml's `scrape_configs` shape.
///
/// ```yaml
/// sources:
///   scrape:
///     - job_name: graphql-api
///       metrics_path: /metrics        # default /metrics
///       scheme: http                  # http | https
///       scrape_timeout: 10s           # default 10s
///       honor_labels: false
///       params: {module: [wms]}
///       static_configs:
///         - targets: ["127.0.0.1:4000"]
///           labels: {tier: api}
/// ```
/// `scrape_interval` is rejected: binwatch scrapes every target once per evaluation cycle.
public struct ScrapeJobConfig: Sendable, Equatable {
    /// One `host:port` of a `static_configs` entry with that entry's labels.
    public struct Target: Sendable, Equatable {
        /// `host:port`, the value of the `instance` label.
        public var address: String
        /// The entry's `labels`, added to every series of the target.
        public var labels: Labels
    }

    /// `job_name`, the value of the `job` label; unique among `sources.scrape`.
    public var jobName: String
    /// Every target of every `static_configs` entry, in file order.
    public var targets: [Target]
    /// `metrics_path`, default `/metrics`.
    public var metricsPath: String
    /// `scheme`: `http` (default) or `https`.
    public var scheme: String
    /// `scrape_timeout`, default 10s: the whole request, connection included.
    public var scrapeTimeout: PromDuration
    /// `honor_labels`: the target's own `job`/`instance` labels win over binwatch's.
    public var honorLabels: Bool
    /// `params`: URL query parameters, sorted by name.
    public var params: [(name: String, values: [String])]
    /// Where the entry starts.
    public var location: SourceLocation

    /// Prometheus's default `scrape_timeout`.
    public static let defaultScrapeTimeout = PromDuration(seconds: 10)

    static let keys = [
        "job_name", "static_configs", "metrics_path", "scheme", "scrape_timeout", "scrape_interval",
        "honor_labels", "params",
    ]

    public static func == (lhs: ScrapeJobConfig, rhs: ScrapeJobConfig) -> Bool {
        lhs.jobName == rhs.jobName && lhs.targets == rhs.targets && lhs.metricsPath == rhs.metricsPath
            && lhs.scheme == rhs.scheme && lhs.scrapeTimeout == rhs.scrapeTimeout && lhs.honorLabels == rhs.honorLabels
            && lhs.params.map(\.name) == rhs.params.map(\.name) && lhs.params.map(\.values) == rhs.params.map(\.values)
            && lhs.location == rhs.location
    }

    /// Decodes `sources.scrape` (a list of jobs), reporting every problem to the diagnostics.
    static func decodeList(_ node: ConfigNode) -> [ScrapeJobConfig] {
        guard let list = node.sequence(expected: "a list of scrape jobs (job_name, static_configs, …)") else { return [] }
        var jobs: [ScrapeJobConfig] = []
        for element in list {
            guard let job = decode(element) else { continue }
            if let earlier = jobs.first(where: { $0.jobName == job.jobName }) {
                element.fail(expected: "a job_name not used before", found: "\"\(job.jobName)\" again (first at \(earlier.location))")
                continue
            }
            jobs.append(job)
        }
        return jobs
    }

    static func decode(_ node: ConfigNode) -> ScrapeJobConfig? {
        guard let entries = node.mapping(allowed: keys) else { return nil }
        var ok = true

        let jobName = entries["job_name"]?.nonEmptyString(expected: "a non-empty job name")
        if entries["job_name"] == nil { node.missing("job_name", expected: "a job name (the job label)") }
        ok = ok && jobName != nil

        if let interval = entries["scrape_interval"] {
            interval.fail(
                expected: "no scrape_interval (binwatch scrapes every target once per evaluation cycle: set global.evaluation_interval)",
                found: "scrape_interval \(interval.summary)")
            ok = false
        }

        var path = "/metrics"
        if let pathNode = entries["metrics_path"] {
            if let text = pathNode.nonEmptyString(expected: "an absolute URL path like /metrics"),
               text.hasPrefix("/"), !text.contains(where: { $0 == " " || $0 == "?" || $0 == "#" }) {
                path = text
            } else {
                pathNode.fail(expected: "an absolute URL path like /metrics (no query: use params)")
                ok = false
            }
        }

        var scheme = "http"
        if let schemeNode = entries["scheme"] {
            switch schemeNode.string(expected: "http or https") {
            case let text? where text == "http" || text == "https": scheme = text
            case .some: schemeNode.fail(expected: "http or https"); ok = false
            case nil: ok = false
            }
        }

        var timeout = defaultScrapeTimeout
        if let timeoutNode = entries["scrape_timeout"] {
            switch timeoutNode.duration(positive: false) {
            case let parsed? where parsed > .zero: timeout = parsed
            case .some: timeoutNode.fail(expected: "a duration greater than 0s"); ok = false
            case nil: ok = false
            }
        }

        var honorLabels = false
        if let honorNode = entries["honor_labels"] {
            if let value = honorNode.bool() { honorLabels = value } else { ok = false }
        }

        var params: [(name: String, values: [String])] = []
        if let paramsNode = entries["params"] {
            if let decoded = decodeParams(paramsNode) { params = decoded } else { ok = false }
        }

        var targets: [Target] = []
        if let staticNode = entries["static_configs"] {
            if let decoded = decodeStaticConfigs(staticNode) { targets = decoded } else { ok = false }
        } else {
            node.missing("static_configs", expected: "a list of {targets: [host:port, …], labels: {…}}")
            ok = false
        }

        guard ok, let jobName else { return nil }
        return ScrapeJobConfig(
            jobName: jobName, targets: targets, metricsPath: path, scheme: scheme, scrapeTimeout: timeout,
            honorLabels: honorLabels, params: params, location: node.location)
    }

    private static func decodeStaticConfigs(_ node: ConfigNode) -> [Target]? {
        guard let list = node.sequence(expected: "a list of {targets: [host:port, …], labels: {…}}") else { return nil }
        var ok = true
        var targets: [Target] = []
        for element in list {
            guard let entries = element.mapping(allowed: ["targets", "labels"]) else { ok = false; continue }
            var labels = Labels()
            if let labelsNode = entries["labels"] {
                if let pairs = labelsNode.labelEntries() {
                    labels = Labels(pairs.map { Label(name: $0.name, value: $0.value) })
                } else {
                    ok = false
                }
            }
            guard let targetsNode = entries["targets"] else {
                element.missing("targets", expected: "a list of host:port")
                ok = false
                continue
            }
            guard let addresses = targetsNode.stringList(expected: "host:port targets") else { ok = false; continue }
            for (address, addressNode) in addresses {
                guard isTargetAddress(address) else {
                    addressNode.fail(expected: "a target as host:port (no scheme or path: use scheme and metrics_path)")
                    ok = false
                    continue
                }
                if targets.contains(where: { $0.address == address && $0.labels == labels }) {
                    addressNode.fail(expected: "each target once per job", found: "\"\(address)\" again")
                    ok = false
                    continue
                }
                targets.append(Target(address: address, labels: labels))
            }
        }
        return ok ? targets : nil
    }

    private static func decodeParams(_ node: ConfigNode) -> [(name: String, values: [String])]? {
        guard case .mapping(let mapping) = node.node else {
            node.fail(expected: "a mapping of parameter names to lists of values")
            return nil
        }
        var ok = true
        var params: [(name: String, values: [String])] = []
        for (keyNode, value) in mapping {
            let name = keyNode.scalar?.string ?? ""
            guard !name.isEmpty else {
                ConfigNode(node: keyNode, keyPath: node.keyPath, diagnostics: node.diagnostics)
                    .fail(expected: "a parameter name")
                ok = false
                continue
            }
            guard let values = node.child(value, key: name).stringList(expected: "parameter values") else { ok = false; continue }
            params.append((name, values.map { $0.0 }))
        }
        return ok ? params.sorted { $0.name < $1.name } : nil
    }

    /// `host:port`, `host` or `[v6]:port`: what Prometheus accepts as a static target.
    static func isTargetAddress(_ text: String) -> Bool {
        guard !text.isEmpty, !text.contains("/"), !text.contains(where: { $0 == " " || $0 == "?" || $0 == "#" || $0 == "@" })
        else { return false }
        guard let colon = text.lastIndex(of: ":"), !text.hasSuffix("]") else { return true }
        let port = text[text.index(after: colon)...]
        return !port.isEmpty && port.allSatisfy(\.isASCII) && port.allSatisfy(\.isNumber) && (Int(port) ?? 0) < 65536
    }
}

extension ConfigNode {
    /// A YAML boolean (`true`/`false`, as YAML 1.2's core schema spells them).
    func bool() -> Bool? {
        switch string(expected: "true or false") {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        case .some: fail(expected: "true or false"); return nil
        case nil: return nil
        }
    }
}

extension SourcesConfig {
    /// Decodes `sources.scrape` into `scrape` and takes the kind off `notDecoded`.
    mutating func decodeScrape(_ node: ConfigNode?) {
        guard let node else { return }
        scrape = ScrapeJobConfig.decodeList(node)
        notDecoded.removeAll { $0.hasSuffix(": sources.scrape") }
    }
}
