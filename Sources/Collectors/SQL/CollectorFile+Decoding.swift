import Exposition
import ConfigYAML
public import Model
import Yams

extension CollectorFile {
    static let keys = ["collector_name", "min_interval", "metrics"]
    static let metricKeys = ["metric_name", "type", "help", "key_labels", "static_labels", "values", "value_label", "query"]

    /// Decodes a collector file's text.
    /// - Parameters:
    ///   - text: the YAML.
    ///   - file: the path errors should name.
    /// - Throws: `ConfigErrors` listing every problem with file:line:col.
    public static func decode(yaml text: String, file: String) throws(ConfigErrors) -> CollectorFile {
        let diagnostics = ConfigDiagnostics(file: file)
        let decoded = diagnostics.root(of: text).flatMap { decode($0) }
        guard diagnostics.errors.isEmpty, let decoded else { throw ConfigErrors(diagnostics.errors) }
        return decoded
    }

    static func decode(_ root: ConfigNode) -> CollectorFile? {
        guard let entries = root.mapping(allowed: keys) else { return nil }
        let name = entries["collector_name"]?.nonEmptyString(expected: "a non-empty collector name")
        if entries["collector_name"] == nil { root.missing("collector_name", expected: "a collector name") }
        let minInterval = entries["min_interval"].map { $0.duration(positive: false) } ?? .zero
        var metrics: [Metric] = []
        var metricsOK = false
        if let metricsNode = entries["metrics"] {
            if let list = metricsNode.sequence(expected: "a list of metrics") {
                metrics = list.compactMap(decodeMetric)
                metricsOK = metrics.count == list.count
                if list.isEmpty { metricsNode.fail(expected: "at least one metric", found: "an empty list") }
                for (index, metric) in metrics.enumerated() {
                    if let first = metrics[..<index].first(where: { $0.name == metric.name }) {
                        root.diagnostics.add(ConfigError(
                            location: metric.location, keyPath: "metrics[\(index)].metric_name",
                            expected: "a metric name not used before in this collector",
                            found: "\"\(metric.name)\" again (first at \(first.location))"))
                    }
                }
            }
        } else {
            root.missing("metrics", expected: "a list of metrics")
        }
        guard let name, let minInterval, metricsOK, !metrics.isEmpty else { return nil }
        return CollectorFile(collectorName: name, minInterval: minInterval, metrics: metrics, file: root.file)
    }

    private static func decodeMetric(_ node: ConfigNode) -> Metric? {
        guard let entries = node.mapping(allowed: metricKeys) else { return nil }
        func required(_ key: String, _ expected: String) -> ConfigNode? {
            if let value = entries[key] { return value }
            node.missing(key, expected: expected)
            return nil
        }
        var ok = true

        let name = required("metric_name", "a metric name")?.string(expected: "a metric name")
        if let name, !MetricNames.isValidMetricName(name) {
            entries["metric_name"]?.fail(expected: "a metric name matching [a-zA-Z_:][a-zA-Z0-9_:]*")
            ok = false
        }

        var type: MetricType?
        if let typeNode = required("type", "gauge or counter"), let text = typeNode.string(expected: "gauge or counter") {
            // sql_exporter compares case-insensitively; so do we.
            switch text.lowercased() {
            case "gauge": type = .gauge
            case "counter": type = .counter
            default: typeNode.fail(expected: "gauge or counter")
            }
        }

        let help = required("help", "a help text")?.string(expected: "a help text")

        var keyLabels: [String] = []
        if let list = entries["key_labels"]?.stringList(expected: "column names") {
            for (label, labelNode) in list {
                if LabelRules.isUsable(label) { keyLabels.append(label) } else { labelNode.fail(expected: LabelRules.expected); ok = false }
            }
        } else if entries["key_labels"] != nil { ok = false }

        var staticLabels = Labels()
        if let pairs = entries["static_labels"]?.labelEntries() {
            staticLabels = Labels(pairs.map { Label(name: $0.name, value: $0.value) })
            for pair in pairs where keyLabels.contains(pair.name) {
                pair.node.fail(expected: "a static label that is not also a key label", found: "\"\(pair.name)\" in key_labels")
                ok = false
            }
        } else if entries["static_labels"] != nil { ok = false }

        var values: [String] = []
        if let valuesNode = required("values", "a list of value columns"),
           let list = valuesNode.stringList(expected: "column names") {
            values = list.map(\.0)
            if values.isEmpty { valuesNode.fail(expected: "at least one value column", found: "an empty list"); ok = false }
            for (index, value) in values.enumerated() where values[..<index].contains(value) {
                list[index].1.fail(expected: "each value column once"); ok = false
            }
        } else { ok = false }

        var valueLabel: String?
        if let labelNode = entries["value_label"] {
            valueLabel = labelNode.string(expected: "a label name")
            if let label = valueLabel {
                if !LabelRules.isUsable(label) { labelNode.fail(expected: LabelRules.expected); ok = false }
                if keyLabels.contains(label) || staticLabels[label] != nil {
                    labelNode.fail(expected: "a label name not used by key_labels or static_labels"); ok = false
                }
            } else { ok = false }
        } else if values.count > 1 {
            node.missing("value_label", expected: "a label name to tell the \(values.count) value columns apart")
            ok = false
        }

        let query = required("query", "an SQL query")?.nonEmptyString(expected: "an SQL query")

        guard ok, let name, let type, let help, let query else { return nil }
        return Metric(
            name: name, type: type, help: help, keyLabels: keyLabels, staticLabels: staticLabels, values: values,
            valueLabel: valueLabel, query: query, location: node.location)
    }
}
