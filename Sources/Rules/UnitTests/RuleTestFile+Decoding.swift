import ConfigYAML
import Foundation
import Model
import Yams

extension RuleTestFile {
    /// Decodes a unit-test file as promtool does with `yaml.UnmarshalStrict`.
    /// - Parameter ignoreUnknownFields: accept unknown keys (not promtool's behaviour for
    ///   test files, which are always strict; kept for symmetry with rule files).
    /// - Throws: `RuleTestFileError` with go-yaml style messages (`line N: field x not found in type main.testGroup`).
    public init(decoding text: String) throws(RuleTestFileError) {
        let root: Node?
        do {
            // promtool reads the first document of a test file (yaml.UnmarshalStrict); merge keys fold in.
            root = try YAMLDocuments.first(text).document
        } catch {
            throw RuleTestFileError(RuleFileDecoder.yamlSyntaxMessage(error))
        }
        var walker = TestFileWalker()
        self = try walker.file(root)
        if !walker.errors.isEmpty {
            throw RuleTestFileError("yaml: unmarshal errors:\n  " + walker.errors.joined(separator: "\n  "))
        }
    }
}

/// Walks the node tree into the test-file structs, collecting type errors and unknown keys
/// the way go-yaml v2 does; a bad duration or timestamp aborts at once (custom unmarshalers).
private struct TestFileWalker {
    var errors: [String] = []

    static func line(_ node: Node) -> Int { GoYAML.line(node) }
    static func tag(_ node: Node) -> String { GoYAML.shortTag(node) }
    static func isNull(_ node: Node) -> Bool { GoYAML.isNull(node) }

    mutating func typeError(_ node: Node, into type: String) {
        errors.append(GoYAML.cannotUnmarshal(node, into: type))
    }

    /// The key/value pairs of a mapping, reporting keys not in `fields`.
    mutating func fields(_ node: Node, type: String, known: Set<String>) -> [(String, Node)]? {
        if Self.isNull(node) { return [] }
        guard case .mapping(let mapping) = node else {
            typeError(node, into: type)
            return nil
        }
        var out: [(String, Node)] = []
        for (key, value) in mapping {
            let name = key.string ?? ""
            if known.contains(name) {
                out.append((name, value))
            } else {
                errors.append(GoYAML.fieldNotFound(key, in: type))
            }
        }
        return out
    }

    mutating func sequence(_ node: Node, type: String) -> [Node] {
        if Self.isNull(node) { return [] }
        guard case .sequence(let items) = node else {
            typeError(node, into: type)
            return []
        }
        return Array(items)
    }

    mutating func string(_ node: Node) -> String {
        if Self.isNull(node) { return "" }
        guard case .scalar(let scalar) = node else {
            typeError(node, into: "string")
            return ""
        }
        return scalar.string
    }

    mutating func bool(_ node: Node) -> Bool {
        if Self.isNull(node) { return false }
        switch node.scalar?.string.lowercased() {
        case "true", "yes", "on", "y": return true
        case "false", "no", "off", "n": return false
        default:
            typeError(node, into: "bool")
            return false
        }
    }

    /// A plain scalar resolved as a YAML float or int; quoted text is a string (a type error).
    mutating func float(_ node: Node) -> Double {
        if Self.isNull(node) { return 0 }
        guard case .scalar(let scalar) = node, scalar.style == .plain else {
            typeError(node, into: "float64")
            return 0
        }
        let text = scalar.string
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        let pattern = #/^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/#
        if text.wholeMatch(of: pattern) != nil, let value = Double(text.replacingOccurrences(of: "_", with: "")) {
            return value
        }
        if text.hasPrefix("0x") || text.hasPrefix("-0x"), let value = Int64(text.replacingOccurrences(of: "0x", with: ""), radix: 16) {
            return Double(value)
        }
        typeError(node, into: "float64")
        return 0
    }

    func duration(_ node: Node) throws(RuleTestFileError) -> PromDuration {
        let text = node.scalar?.string ?? ""
        if Self.isNull(node) { return .zero }
        do {
            return try PromDuration(parsing: text)
        } catch {
            throw RuleTestFileError("not a valid duration string: \(GoPrintf.goQuote(text))")
        }
    }

    mutating func stringMap(_ node: Node, type: String) -> [String: String] {
        if Self.isNull(node) { return [:] }
        guard case .mapping(let mapping) = node else {
            typeError(node, into: type)
            return [:]
        }
        var out: [String: String] = [:]
        for (key, value) in mapping { out[key.string ?? ""] = string(value) }
        return out
    }

    mutating func file(_ root: Node?) throws(RuleTestFileError) -> RuleTestFile {
        var file = RuleTestFile()
        guard let root else { return file }
        let known: Set = ["rule_files", "evaluation_interval", "group_eval_order", "tests", "fuzzy_compare"]
        for (key, value) in fields(root, type: "main.unitTestFile", known: known) ?? [] {
            switch key {
            case "rule_files": file.ruleFiles = sequence(value, type: "[]string").map { string($0) }
            case "evaluation_interval":
                let interval = try duration(value)
                if interval > .zero { file.evaluationInterval = interval }
            case "group_eval_order": file.groupEvalOrder = sequence(value, type: "[]string").map { string($0) }
            case "fuzzy_compare": file.fuzzyCompare = bool(value)
            default:
                for item in sequence(value, type: "[]main.testGroup") { file.tests.append(try testGroup(item)) }
            }
        }
        return file
    }

    mutating func testGroup(_ node: Node) throws(RuleTestFileError) -> RuleTestFile.TestGroup {
        var group = RuleTestFile.TestGroup()
        let known: Set = [
            "interval", "input_series", "alert_rule_test", "promql_expr_test", "external_labels", "external_url", "name",
            "start_timestamp",
        ]
        for (key, value) in fields(node, type: "main.testGroup", known: known) ?? [] {
            switch key {
            case "interval":
                let interval = try duration(value)
                group.interval = interval > .zero ? interval : nil
            case "input_series":
                for item in sequence(value, type: "[]main.series") {
                    var series = RuleTestFile.InputSeries(series: "", values: "", line: Self.line(item))
                    for (k, v) in fields(item, type: "main.series", known: ["series", "values"]) ?? [] {
                        if k == "series" { series.series = string(v) } else { series.values = string(v) }
                    }
                    group.inputSeries.append(series)
                }
            case "alert_rule_test":
                for item in sequence(value, type: "[]main.alertTestCase") { group.alertRuleTests.append(try alertTest(item)) }
            case "promql_expr_test":
                for item in sequence(value, type: "[]main.promqlTestCase") { group.promqlExprTests.append(try exprTest(item)) }
            case "external_labels": group.externalLabels = stringMap(value, type: "labels.Labels")
            case "external_url": group.externalURL = string(value)
            case "name": group.name = string(value)
            default: group.startTimestamp = try Self.timestamp(string(value))
            }
        }
        return group
    }

    mutating func alertTest(_ node: Node) throws(RuleTestFileError) -> RuleTestFile.AlertTest {
        var test = RuleTestFile.AlertTest(evalTime: .zero, alertname: "", expAlerts: [])
        for (key, value) in fields(node, type: "main.alertTestCase", known: ["eval_time", "alertname", "exp_alerts"]) ?? [] {
            switch key {
            case "eval_time": test.evalTime = try duration(value)
            case "alertname": test.alertname = string(value)
            default:
                for item in sequence(value, type: "[]main.alert") {
                    var alert = RuleTestFile.ExpectedAlert(labels: [:], annotations: [:])
                    for (k, v) in fields(item, type: "main.alert", known: ["exp_labels", "exp_annotations"]) ?? [] {
                        if k == "exp_labels" {
                            alert.labels = stringMap(v, type: "map[string]string")
                        } else {
                            alert.annotations = stringMap(v, type: "map[string]string")
                        }
                    }
                    test.expAlerts.append(alert)
                }
            }
        }
        return test
    }

    mutating func exprTest(_ node: Node) throws(RuleTestFileError) -> RuleTestFile.ExprTest {
        var test = RuleTestFile.ExprTest(expr: "", evalTime: .zero, expSamples: [])
        for (key, value) in fields(node, type: "main.promqlTestCase", known: ["expr", "eval_time", "exp_samples"]) ?? [] {
            switch key {
            case "expr": test.expr = string(value)
            case "eval_time": test.evalTime = try duration(value)
            default:
                for item in sequence(value, type: "[]main.sample") {
                    var sample = RuleTestFile.ExpectedSample(labels: "", value: 0, histogram: "")
                    for (k, v) in fields(item, type: "main.sample", known: ["labels", "value", "histogram"]) ?? [] {
                        switch k {
                        case "labels": sample.labels = string(v)
                        case "value": sample.value = float(v)
                        default: sample.histogram = string(v)
                        }
                    }
                    test.expSamples.append(sample)
                }
            }
        }
        return test
    }

    /// `start_timestamp`: Unix seconds (possibly fractional) or RFC 3339 (`parseTime` in promtool).
    static func timestamp(_ text: String) throws(RuleTestFileError) -> Timestamp? {
        if text.isEmpty { return nil }
        if let seconds = Double(text), seconds.isFinite {
            return Timestamp(milliseconds: Int64((seconds * 1000).rounded()))
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var date = formatter.date(from: text)
        if date == nil {
            formatter.formatOptions = [.withInternetDateTime]
            date = formatter.date(from: text)
        }
        guard let date else {
            throw RuleTestFileError("cannot parse \(GoPrintf.goQuote(text)) to a valid timestamp")
        }
        return Timestamp(milliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded()))
    }
}
