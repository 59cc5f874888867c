import ConfigYAML
import Model
import Statistics
import Yams

/// Decodes `sources.statistics` (see `StatisticsAnalysis`), reporting every problem with
/// file:line:col: unknown keys, keys the analysis kind does not use, missing columns,
/// source names that are not `sources.postgres` entries, and analyses that would emit the
/// same series as an earlier one.
enum StatisticsConfig {
    static let commonKeys = ["name", "source", "query", "kind", "min_samples", "interval", "labels"]
    /// The keys each kind takes besides the common ones, in the order errors list them.
    static let kindKeys: [(kind: String, keys: [String])] = [
        ("describe", ["value"]),
        ("outliers", ["value", "methods"]),
        ("correlation", ["x", "y", "feature_x", "feature_y"]),
        ("trend", ["x", "value", "metric", "higher_is_better"]),
        ("ab_test", ["group", "a", "b", "value", "test"]),
        ("chisq", ["group", "outcome", "count", "test", "correction"]),
    ]
    /// Label names the statistics metrics set themselves; `labels:` may not use them.
    static let reservedLabels: Set<String> = ["analysis", "method", "severity", "feature_x", "feature_y", "test", "metric", "statistic"]
    /// Below this the statistics cannot be computed at all (z-scores and the correlation
    /// p-values need n − 2 > 0 degrees of freedom).
    static let smallestMinSamples = 3

    /// Fills `config.statistics` from `sources.statistics` of `root`; shape errors of
    /// `sources` itself are SourcesConfig's to report.
    static func decode(root: ConfigNode, into config: inout SourcesConfig) {
        guard case .mapping(let top) = root.node,
              let sourcesValue = top.first(where: { $0.key.scalar?.string == "sources" })?.value,
              case .mapping(let sources) = sourcesValue,
              let value = sources.first(where: { $0.key.scalar?.string == "statistics" })?.value
        else { return }
        config.notDecoded.removeAll { $0.hasSuffix(": sources.statistics") }
        let node = root.child(sourcesValue, key: "sources").child(value, key: "statistics")
        guard let list = node.sequence(expected: "a list of statistical analyses") else { return }
        let postgresNames = config.postgres.map(\.name)
        var analyses: [StatisticsAnalysis] = []
        for element in list {
            guard let analysis = decodeAnalysis(element, postgresNames: postgresNames) else { continue }
            if let clash = clash(analysis, with: analyses) { element.fail(expected: clash.expected, found: clash.found) }
            analyses.append(analysis)
        }
        config.statistics = analyses
    }

    private static func decodeAnalysis(_ node: ConfigNode, postgresNames: [String]) -> StatisticsAnalysis? {
        let allKindKeys = kindKeys.flatMap(\.keys).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        guard let entries = node.mapping(allowed: commonKeys + allKindKeys) else { return nil }
        var ok = true
        func required(_ key: String, _ expected: String) -> ConfigNode? {
            if let value = entries[key] { return value }
            node.missing(key, expected: expected)
            ok = false
            return nil
        }

        let name = required("name", "an analysis name")?.nonEmptyString(expected: "a non-empty analysis name")
        var source = required("source", "the name of a sources.postgres entry")?
            .nonEmptyString(expected: "the name of a sources.postgres entry")
        if let given = source, !postgresNames.contains(given), let sourceNode = entries["source"] {
            let known = postgresNames.isEmpty ? "none are configured" : postgresNames.map { "\"\($0)\"" }.joined(separator: ", ")
            sourceNode.fail(expected: "the name of a sources.postgres entry (\(known))")
            source = nil
        }
        let query = required("query", "an SQL query returning the sample")?.nonEmptyString(expected: "an SQL query")

        var minSamples = StatisticsAnalysis.defaultMinSamples
        if let minNode = entries["min_samples"] {
            let expected = "an integer of at least \(smallestMinSamples)"
            if let text = minNode.string(expected: expected) {
                if let parsed = Int(text), parsed >= smallestMinSamples {
                    minSamples = parsed
                } else {
                    minNode.fail(expected: expected)
                    ok = false
                }
            } else {
                ok = false
            }
        }

        var interval = StatisticsAnalysis.defaultInterval
        if let intervalNode = entries["interval"] {
            if let parsed = intervalNode.duration(positive: false) { interval = parsed } else { ok = false }
        }

        var labels = Labels()
        if let labelsNode = entries["labels"] {
            if let pairs = labelsNode.labelEntries() {
                for pair in pairs where reservedLabels.contains(pair.name) {
                    pair.node.fail(
                        expected: "a label name the statistics metrics do not set themselves (not \(reservedLabels.sorted().joined(separator: ", ")))")
                    ok = false
                }
                labels = Labels(pairs.map { Label(name: $0.name, value: $0.value) })
            } else {
                ok = false
            }
        }

        var kind: StatisticsAnalysis.Kind?
        if let kindNode = required("kind", "one of \(kindKeys.map(\.kind).joined(separator: ", "))"),
           let text = kindNode.string(expected: "one of \(kindKeys.map(\.kind).joined(separator: ", "))") {
            if let keys = kindKeys.first(where: { $0.kind == text })?.keys {
                rejectKeys(notIn: keys, kind: text, of: node)
                kind = decodeKind(text, entries: entries, node: node, analysisName: name)
            } else {
                kindNode.fail(expected: "one of \(kindKeys.map(\.kind).joined(separator: ", "))")
            }
        }

        guard ok, let name, let source, let query, let kind else { return nil }
        return StatisticsAnalysis(
            name: name, source: source, query: query, kind: kind, minSamples: minSamples, interval: interval,
            labels: labels, location: node.location)
    }

    /// A key of another kind (`x` on a `describe`) is reported at the key itself.
    private static func rejectKeys(notIn keys: [String], kind: String, of node: ConfigNode) {
        guard case .mapping(let mapping) = node.node else { return }
        for (keyNode, _) in mapping {
            guard let key = keyNode.scalar?.string, !commonKeys.contains(key), !keys.contains(key),
                  kindKeys.contains(where: { $0.keys.contains(key) }) else { continue }
            let keyed = ConfigNode(node: keyNode, keyPath: node.keyPath, diagnostics: node.diagnostics)
            keyed.fail(
                expected: "only keys kind \(kind) uses (\((commonKeys + keys).joined(separator: ", ")))",
                found: "\"\(key)\", which kind \(kind) does not use")
        }
    }

    private static func decodeKind(
        _ kind: String, entries: [String: ConfigNode], node: ConfigNode, analysisName: String?
    ) -> StatisticsAnalysis.Kind? {
        var ok = true
        func column(_ key: String, _ what: String) -> String? {
            guard let value = entries[key] else {
                node.missing(key, expected: "the name of the column holding \(what)")
                ok = false
                return nil
            }
            let text = value.nonEmptyString(expected: "a column name")
            if text == nil { ok = false }
            return text
        }
        /// `fallback` stands in for an absent key; without one (`required`) the key must be there.
        func text(_ key: String, default fallback: String?, required: Bool = false, _ expected: String) -> String? {
            guard let value = entries[key] else {
                if required { node.missing(key, expected: expected); ok = false }
                return fallback
            }
            let text = value.nonEmptyString(expected: expected)
            if text == nil { ok = false }
            return text
        }
        func flag(_ key: String, default fallback: Bool) -> Bool {
            guard let value = entries[key] else { return fallback }
            guard let text = value.string(expected: "true or false") else {
                ok = false
                return fallback
            }
            guard let parsed = Bool(text) else {
                value.fail(expected: "true or false")
                ok = false
                return fallback
            }
            return parsed
        }

        let result: StatisticsAnalysis.Kind?
        switch kind {
        case "describe":
            result = column("value", "the sample").map { .describe(value: $0) }
        case "outliers":
            let value = column("value", "the sample")
            let methods = decodeMethods(entries["methods"])
            if methods == nil { ok = false }
            result = value.flatMap { v in methods.map { .outliers(value: v, methods: $0) } }
        case "correlation":
            let x = column("x", "the first feature"), y = column("y", "the second feature")
            let featureX = text("feature_x", default: x, "a feature name (the feature_x label)")
            let featureY = text("feature_y", default: y, "a feature name (the feature_y label)")
            guard let x, let y, let featureX, let featureY else { return nil }
            result = .correlation(x: x, y: y, featureX: featureX, featureY: featureY)
        case "trend":
            let x = column("x", "the time (or other x) as a number")
            let value = column("value", "the metric's values")
            let metric = text("metric", default: analysisName, "a metric name (the metric label)")
            let higher = flag("higher_is_better", default: true)
            guard let x, let value, let metric else { return nil }
            result = .trend(x: x, value: value, metric: metric, higherIsBetter: higher)
        case "ab_test":
            let group = column("group", "the group of each row")
            let a = text("a", default: nil, required: true, "the group value of sample A")
            let b = text("b", default: nil, required: true, "the group value of sample B")
            let value = column("value", "the measured values")
            let test = text("test", default: analysisName, "a test name (the test label)")
            if let a, a == b { entries["b"]?.fail(expected: "a group value other than a's", found: "\"\(a)\" for both"); ok = false }
            guard let group, let a, let b, let value, let test else { return nil }
            result = .abTest(group: group, a: a, b: b, value: value, test: test)
        case "chisq":
            let group = column("group", "the row category of each row")
            let outcome = column("outcome", "the column category of each row")
            let count = entries["count"].flatMap { _ in column("count", "each row's count") }
            let test = text("test", default: analysisName, "a test name (the test label)")
            let correction = flag("correction", default: true)
            guard let group, let outcome, let test else { return nil }
            result = .chisq(group: group, outcome: outcome, count: count, test: test, correction: correction)
        default:
            result = nil
        }
        return ok ? result : nil
    }

    /// `methods`: a non-empty list of distinct outlier methods; all three when absent.
    private static func decodeMethods(_ node: ConfigNode?) -> [OutlierMethod]? {
        guard let node else { return OutlierMethod.allCases }
        let expected = OutlierMethod.allCases.map(\.rawValue).joined(separator: ", ")
        guard let list = node.stringList(expected: "outlier methods (\(expected))") else { return nil }
        if list.isEmpty {
            node.fail(expected: "at least one outlier method (\(expected))", found: "an empty list")
            return nil
        }
        var methods: [OutlierMethod] = []
        var ok = true
        for (text, element) in list {
            guard let method = OutlierMethod(rawValue: text) else {
                element.fail(expected: "an outlier method (\(expected))")
                ok = false
                continue
            }
            if methods.contains(method) { element.fail(expected: "each method once"); ok = false }
            methods.append(method)
        }
        return ok ? methods : nil
    }

    /// Two analyses whose series would coincide: one name twice, or the same statistic
    /// series (`correlation_analysis_*{feature_x,feature_y}`, `ab_test_p_value{test}`,
    /// `trend_slope{metric}`) with the same extra labels.
    private static func clash(
        _ analysis: StatisticsAnalysis, with earlier: [StatisticsAnalysis]
    ) -> (expected: String, found: String)? {
        for other in earlier {
            if other.name == analysis.name {
                return ("an analysis name not used before", "\"\(analysis.name)\" again (first at \(other.location))")
            }
            guard other.labels == analysis.labels, let mine = seriesKey(analysis.kind), let theirs = seriesKey(other.kind),
                  mine == theirs else { continue }
            return ("labels or a \(mine.label) that tell this analysis apart from \"\(other.name)\" at \(other.location)",
                    "the same \(mine.label) \(mine.value) and labels \(analysis.labels.description)")
        }
        return nil
    }

    private static func seriesKey(_ kind: StatisticsAnalysis.Kind) -> (label: String, value: String)? {
        switch kind {
        case .describe, .outliers: nil
        case .correlation(_, _, let x, let y): ("feature_x/feature_y", "\"\(x)\"/\"\(y)\"")
        case .trend(_, _, let metric, _): ("metric", "\"\(metric)\"")
        case .abTest(_, _, _, _, let test), .chisq(_, _, _, let test, _): ("test", "\"\(test)\"")
        }
    }
}
