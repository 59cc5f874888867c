public import Model
import Yams

extension ConfigNode {
    /// A scalar string, taken as written; nil (reported) for lists, mappings and null.
    public func string(expected: String = "a string") -> String? {
        guard case .scalar(let scalar) = node, !isNull else {
            fail(expected: expected)
            return nil
        }
        return scalar.string
    }

    /// A scalar string with `${NAME}` expanded from the environment.
    public func expandedString(expected: String) -> String? {
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
    public func nonEmptyString(expected: String) -> String? {
        guard let value = expandedString(expected: expected) else { return nil }
        if value.isEmpty {
            fail(expected: expected, found: "an empty string")
            return nil
        }
        return value
    }

    /// `true` or `false` (YAML 1.1's other spellings are not Go's).
    public func bool(expected: String = "true or false") -> Bool? {
        guard case .scalar(let scalar) = node, !isNull, let value = ["true": true, "false": false][scalar.string] else {
            fail(expected: expected)
            return nil
        }
        return value
    }

    /// A whole number, at least `minimum`; `_` separators are allowed, as go-yaml v2 (which
    /// Prometheus and Alertmanager decode with) allows them (`1_000_000`).
    public func int(minimum: Int = 0, expected: String? = nil) -> Int? {
        guard case .scalar(let scalar) = node, !isNull, let value = Int(scalar.string.filter { $0 != "_" }),
              value >= minimum
        else {
            fail(expected: expected ?? (minimum == 0 ? "a non-negative integer" : "an integer of at least \(minimum)"))
            return nil
        }
        return value
    }

    /// A Prometheus duration such as `30s` or `1h30m`.
    /// - Parameter positive: whether `0s` is refused.
    public func duration(positive: Bool = true) -> PromDuration? {
        guard let text = string(expected: "a duration like 5s") else { return nil }
        do {
            let value = try PromDuration(parsing: text)
            if positive && value <= .zero {
                fail(expected: "a duration greater than 0s")
                return nil
            }
            return value
        } catch {
            fail(expected: "a duration like 5s")
            return nil
        }
    }

    /// A number (Go's float syntax, plus `+Inf`/`-Inf`).
    public func double(expected: String = "a number") -> Double? {
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

    /// A list of scalar strings (`${NAME}` expanded), each with its own node for later errors.
    public func stringList(expected: String) -> [(String, ConfigNode)]? {
        guard let items = sequence(expected: "a list of \(expected)") else { return nil }
        var out: [(String, ConfigNode)] = []
        for item in items {
            if let value = item.expandedString(expected: expected) { out.append((value, item)) }
        }
        return out
    }

    /// A mapping of label names to values (`${NAME}` expanded in values), names validated.
    public func labelMap(expected: String = "a mapping of label names to values") -> [String: String]? {
        guard let entries = labelEntries(expected: expected) else { return nil }
        var out: [String: String] = [:]
        for entry in entries { out[entry.name] = entry.value }
        return out
    }

    /// A mapping of label names to values in file order, each with its key's node.
    public func labelEntries(
        expected: String = "a mapping of label names to values"
    ) -> [(name: String, value: String, node: ConfigNode)]? {
        if isNull { return [] }
        guard case .mapping(let mapping) = node else {
            fail(expected: expected)
            return nil
        }
        var out: [(name: String, value: String, node: ConfigNode)] = []
        for (keyNode, valueNode) in mapping {
            let name = keyNode.string ?? ""
            let keyed = child(keyNode, key: name)
            guard LabelRules.isUsable(name) else {
                keyed.fail(expected: LabelRules.expected)
                continue
            }
            if let text = child(valueNode, key: name).expandedString(expected: "a label value") {
                out.append((name, text, keyed))
            }
        }
        return out
    }
}

/// Label names binwatch accepts from configuration: valid, and not `__`-prefixed
/// (reserved by Prometheus; node_exporter 1.5.0 panics on them in a textfile).
public enum LabelRules {
    /// What a label name must look like, for messages.
    public static let expected = "a label name matching [a-zA-Z_][a-zA-Z0-9_]* and not starting with __"

    /// Whether `name` may be used as a label name in configuration.
    public static func isUsable(_ name: String) -> Bool {
        MetricNames.isValidLabelName(name) && !name.hasPrefix("__")
    }
}
