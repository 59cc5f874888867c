import Model
import Yams

/// Collects every error of one config file while its nodes are decoded.
final class ConfigDiagnostics {
    let file: String
    let environment: [String: String]
    private(set) var errors: [ConfigError] = []

    init(file: String, environment: [String: String]) {
        self.file = file
        self.environment = environment
    }

    func add(_ error: ConfigError) { errors.append(error) }
}

/// A YAML node with its key path, decoded into typed values; every mismatch is reported
/// to the diagnostics with the node's `line:col` and the decode goes on, so one run shows
/// every problem.
struct ConfigNode {
    let node: Node
    let keyPath: String
    let diagnostics: ConfigDiagnostics

    var location: SourceLocation {
        SourceLocation(file: diagnostics.file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
    }

    /// Reports that this node is not what was expected.
    func fail(expected: String, found: String? = nil) {
        diagnostics.add(ConfigError(location: location, keyPath: keyPath, expected: expected, found: found ?? describe()))
    }

    /// A short description of the node for messages (scalars quoted; secrets never reach here
    /// because values are described before `${…}` expansion).
    func describe() -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            if isNull { return "nothing" }
            return "\"\(scalar.string)\""
        }
    }

    var isNull: Bool {
        guard case .scalar(let scalar) = node else { return false }
        return scalar.tag.description.hasSuffix(":null") || (scalar.string.isEmpty && scalar.style == .plain)
            || (scalar.style == .plain && ["~", "null", "Null", "NULL"].contains(scalar.string))
    }

    func child(_ node: Node, key: String) -> ConfigNode {
        ConfigNode(node: node, keyPath: keyPath.isEmpty ? key : "\(keyPath).\(key)", diagnostics: diagnostics)
    }

    /// The entries of a mapping whose keys must be among `allowed`; unknown and duplicate
    /// keys are reported (and skipped). Nil when the node is not a mapping.
    func mapping(allowed: [String], expected: String = "a mapping") -> [String: ConfigNode]? {
        if isNull { return [:] }
        guard case .mapping(let mapping) = node else {
            fail(expected: expected)
            return nil
        }
        var out: [String: ConfigNode] = [:]
        for (keyNode, valueNode) in mapping {
            let key = keyNode.string ?? ""
            let keyConfig = child(keyNode, key: key)
            if !allowed.contains(key) {
                keyConfig.fail(expected: "one of the keys \(allowed.joined(separator: ", "))", found: "unknown key \"\(key)\"")
                continue
            }
            if out[key] != nil {
                keyConfig.fail(expected: "each key once", found: "\"\(key)\" repeated")
                continue
            }
            out[key] = child(valueNode, key: key)
        }
        return out
    }

    /// The items of a list, each with `keyPath[i]`. Nil when the node is not a list.
    func sequence(expected: String) -> [ConfigNode]? {
        if isNull { return [] }
        guard case .sequence(let sequence) = node else {
            fail(expected: expected)
            return nil
        }
        return sequence.enumerated().map { index, item in
            ConfigNode(node: item, keyPath: "\(keyPath)[\(index)]", diagnostics: diagnostics)
        }
    }

    /// A scalar string, taken as written.
    func string(expected: String) -> String? {
        guard case .scalar(let scalar) = node, !isNull else {
            fail(expected: expected)
            return nil
        }
        return scalar.string
    }

    /// A scalar string with `${NAME}` expanded from the environment.
    func expandedString(expected: String) -> String? {
        guard let raw = string(expected: expected) else { return nil }
        switch EnvironmentExpansion.expand(raw, environment: diagnostics.environment) {
        case .success(let value): return value
        case .failure(.undefined(let name)):
            fail(expected: "environment variable \(name) to be set (for ${\(name)})", found: "it unset")
        case .failure(.unterminated):
            fail(expected: "${NAME} closed by }", found: "an unterminated ${")
        }
        return nil
    }

    /// A non-empty scalar string with `${NAME}` expanded.
    func nonEmptyString(expected: String) -> String? {
        guard let value = expandedString(expected: expected) else { return nil }
        if value.isEmpty {
            fail(expected: expected, found: "an empty string")
            return nil
        }
        return value
    }

    /// A Prometheus duration such as `30s` or `1h30m`.
    func duration(positive: Bool = true) -> PromDuration? {
        guard let text = string(expected: "a duration such as 30s or 1h30m") else { return nil }
        do {
            let value = try PromDuration(parsing: text)
            if positive && value <= .zero {
                fail(expected: "a duration greater than 0s")
                return nil
            }
            return value
        } catch {
            fail(expected: "a duration such as 30s or 1h30m")
            return nil
        }
    }

    /// A number (Go's float syntax, plus `+Inf`/`-Inf`).
    func double(expected: String = "a number") -> Double? {
        guard case .scalar(let scalar) = node, !isNull else {
            fail(expected: expected)
            return nil
        }
        let text = scalar.string
        switch text.lowercased() {
        case "+inf", "inf", ".inf", "+.inf": return .infinity
        case "-inf", "-.inf": return -.infinity
        default: break
        }
        guard let value = Double(text), value.isFinite else {
            fail(expected: expected)
            return nil
        }
        return value
    }

    /// A list of scalar strings, each with its own node for later errors.
    func stringList(expected: String) -> [(String, ConfigNode)]? {
        guard let items = sequence(expected: "a list of \(expected)") else { return nil }
        var out: [(String, ConfigNode)] = []
        for item in items {
            if let value = item.expandedString(expected: expected) { out.append((value, item)) }
        }
        return out
    }

    /// A mapping of label names to values (`${NAME}` expanded in values), names validated.
    func labelMap(expected: String = "a mapping of label names to values") -> [String: String]? {
        guard case .mapping(let mapping) = node else {
            if isNull { return [:] }
            fail(expected: expected)
            return nil
        }
        var out: [String: String] = [:]
        for (keyNode, valueNode) in mapping {
            let name = keyNode.string ?? ""
            let value = child(valueNode, key: name)
            guard MetricNames.isValidLabelName(name), !name.hasPrefix("__") else {
                child(keyNode, key: name).fail(expected: "a label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with __)")
                continue
            }
            if let text = value.expandedString(expected: "a label value") { out[name] = text }
        }
        return out
    }
}
