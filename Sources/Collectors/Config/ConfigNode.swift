import Model
import Yams

/// Collects the errors of one decoding pass, so every problem in a file is reported at once.
final class ConfigDiagnostics {
    private(set) var errors: [ConfigError] = []

    func report(_ error: ConfigError) { errors.append(error) }
}

/// A YAML node with the file and key path it was reached by, and typed readers that
/// report a `ConfigError` (and return nil) instead of guessing when the shape is wrong.
struct ConfigNode {
    let node: Node
    let file: String
    let keyPath: String
    let diagnostics: ConfigDiagnostics

    var location: SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
    }

    /// A short, printable account of the node for `found` (scalars quoted and clipped).
    var summary: String {
        switch node {
        case .scalar(let scalar):
            if scalar.tag == Tag(.null) && scalar.style == .plain { return "nothing" }
            let text = scalar.string.count > 60 ? String(scalar.string.prefix(57)) + "..." : scalar.string
            return "\"\(text)\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    func fail(expected: String, found: String? = nil) {
        diagnostics.report(ConfigError(location: location, keyPath: keyPath, expected: expected, found: found ?? summary))
    }

    func child(_ node: Node, key: String) -> ConfigNode {
        ConfigNode(node: node, file: file, keyPath: keyPath.isEmpty ? key : "\(keyPath).\(key)", diagnostics: diagnostics)
    }

    /// The mapping's entries by key; keys outside `allowed` are reported as errors.
    func mapping(allowed: [String]) -> [String: ConfigNode]? {
        guard case .mapping(let mapping) = node else {
            fail(expected: "a mapping with keys \(allowed.joined(separator: ", "))")
            return nil
        }
        var entries: [String: ConfigNode] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            let keyed = ConfigNode(node: keyNode, file: file, keyPath: keyPath, diagnostics: diagnostics)
            guard allowed.contains(key) else {
                keyed.fail(expected: "one of the keys \(allowed.joined(separator: ", "))", found: "unknown key \(keyed.summary)")
                continue
            }
            entries[key] = child(value, key: key)
        }
        return entries
    }

    /// Reports a missing required key at the mapping that lacks it.
    func missing(_ key: String, expected: String) {
        diagnostics.report(ConfigError(
            location: location, keyPath: keyPath.isEmpty ? key : "\(keyPath).\(key)",
            expected: expected, found: "no such key"))
    }

    /// A scalar's text; nil (reported) for lists, mappings and null.
    func string(expected: String = "a string") -> String? {
        guard case .scalar(let scalar) = node, !(scalar.tag == Tag(.null) && scalar.style == .plain) else {
            fail(expected: expected)
            return nil
        }
        return scalar.string
    }

    func nonEmptyString(expected: String) -> String? {
        guard let text = string(expected: expected) else { return nil }
        guard !text.isEmpty else {
            fail(expected: expected)
            return nil
        }
        return text
    }

    /// A Prometheus duration (`5s`, `1m30s`).
    func duration() -> PromDuration? {
        guard let text = string(expected: "a duration like 5s") else { return nil }
        do {
            return try PromDuration(parsing: text)
        } catch {
            fail(expected: "a duration like 5s")
            return nil
        }
    }

    /// The list's elements, each with `[i]` appended to the key path.
    func sequence(expected: String) -> [ConfigNode]? {
        guard case .sequence(let sequence) = node else {
            fail(expected: expected)
            return nil
        }
        return sequence.enumerated().map { index, element in
            ConfigNode(node: element, file: file, keyPath: "\(keyPath)[\(index)]", diagnostics: diagnostics)
        }
    }

    /// A list of strings; each bad element is reported on its own.
    func stringList(expected: String) -> [(String, ConfigNode)]? {
        guard let elements = sequence(expected: "a list of \(expected)") else { return nil }
        return elements.compactMap { element in element.string(expected: expected).map { ($0, element) } }
    }

    /// A mapping of label names to values, names checked; sorted by name.
    func labelMap() -> [(name: String, value: String, node: ConfigNode)]? {
        guard case .mapping(let mapping) = node else {
            fail(expected: "a mapping of label names to values")
            return nil
        }
        var out: [(name: String, value: String, node: ConfigNode)] = []
        for (keyNode, value) in mapping {
            let name = keyNode.scalar?.string ?? ""
            let keyed = ConfigNode(node: keyNode, file: file, keyPath: keyPath, diagnostics: diagnostics)
            guard LabelRules.isUsable(name) else {
                keyed.fail(expected: LabelRules.expected)
                continue
            }
            guard let text = child(value, key: name).string(expected: "a label value") else { continue }
            out.append((name, text, keyed))
        }
        return out
    }
}

/// Label names binwatch accepts from configuration: valid, and not `__`-prefixed
/// (reserved by Prometheus; node_exporter 1.5.0 panics on them in a textfile).
enum LabelRules {
    static let expected = "a label name matching [a-zA-Z_][a-zA-Z0-9_]* and not starting with __"

    static func isUsable(_ name: String) -> Bool {
        MetricNames.isValidLabelName(name) && !name.hasPrefix("__")
    }
}
