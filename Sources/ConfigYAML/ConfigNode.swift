public import Model
public import Yams

/// A YAML node with its key path, decoded into typed values; every mismatch is reported
/// to the diagnostics with the node's `file:line:col` and the decode goes on, so one run
/// shows every problem.
public struct ConfigNode {
    /// The YAML node (merge keys already folded in).
    public let node: Node
    /// The dotted path that reached it (`sources.postgres[0].dsn`).
    public let keyPath: String
    /// Where errors go.
    public let diagnostics: ConfigDiagnostics

    /// Wraps `node` reached by `keyPath`.
    public init(node: Node, keyPath: String, diagnostics: ConfigDiagnostics) {
        self.node = node
        self.keyPath = keyPath
        self.diagnostics = diagnostics
    }

    /// The file the node was read from.
    public var file: String { diagnostics.file }

    /// Where the node starts.
    public var location: SourceLocation {
        SourceLocation(file: diagnostics.file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
    }

    /// Reports that this node is not what was expected.
    /// - Parameter found: what to print instead of the node's own summary (it must be safe to print).
    public func fail(expected: String, found: String? = nil) {
        diagnostics.add(ConfigError(location: location, keyPath: keyPath, expected: expected, found: found ?? summary))
    }

    /// Records advice about this node that does not make the file invalid.
    public func warn(_ advice: String, found: String) {
        diagnostics.warn(ConfigError(location: location, keyPath: keyPath, expected: advice, found: found))
    }

    /// Reports a missing required key at the mapping that lacks it.
    public func missing(_ key: String, expected: String) {
        diagnostics.add(ConfigError(
            location: location, keyPath: keyPath.isEmpty ? key : "\(keyPath).\(key)",
            expected: expected, found: "no such key"))
    }

    /// A short, printable account of the node for messages (scalars quoted and clipped;
    /// values are summarised before `${…}` expansion, so expanded secrets never reach here).
    public var summary: String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            if isNull { return "nothing" }
            let text = scalar.string.count > 60 ? String(scalar.string.prefix(57)) + "..." : scalar.string
            return "\"\(text)\""
        }
    }

    /// Whether the node is a YAML null (`~`, `null`, or nothing).
    public var isNull: Bool { node.isYAMLNull }

    /// The node for `node` one key below this one.
    public func child(_ node: Node, key: String) -> ConfigNode {
        ConfigNode(node: node, keyPath: keyPath.isEmpty ? key : "\(keyPath).\(key)", diagnostics: diagnostics)
    }

    /// The entries of a mapping whose keys must be among `allowed`; unknown and duplicate
    /// keys are reported (and skipped). Null is an empty mapping, as go-yaml reads it.
    /// - Parameter expected: the wording when the node is not a mapping (default: the allowed keys).
    /// - Returns: nil when the node is not a mapping.
    public func mapping(allowed: [String], expected: String? = nil) -> [String: ConfigNode]? {
        if isNull { return [:] }
        guard case .mapping(let mapping) = node else {
            fail(expected: expected ?? "a mapping with keys \(allowed.joined(separator: ", "))")
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

    /// The items of a list, each with `keyPath[i]`. Null is an empty list.
    /// - Returns: nil when the node is not a list.
    public func sequence(expected: String) -> [ConfigNode]? {
        if isNull { return [] }
        guard case .sequence(let sequence) = node else {
            fail(expected: expected)
            return nil
        }
        return sequence.enumerated().map { index, item in
            ConfigNode(node: item, keyPath: "\(keyPath)[\(index)]", diagnostics: diagnostics)
        }
    }
}
