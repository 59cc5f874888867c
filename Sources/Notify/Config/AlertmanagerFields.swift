import ConfigYAML
import Model
import Yams

/// One mapping of Alertmanager's syntax, read through ConfigYAML's `ConfigNode` (positions,
/// every error of the file at once, merge keys already folded in), with the three rules
/// Alertmanager's decoding adds: keys outside the decoder's list are errors (its
/// `UnmarshalStrict`), a null value reads as absent (go-yaml leaves the field at its
/// default), and the keys of Alertmanager 0.25 features binwatch lacks are refused with one
/// message that names the feature (`refuseUnsupported`).
struct AlertmanagerFields {
    /// The mapping's node (errors about the mapping as a whole go here).
    let node: ConfigNode
    /// The non-null values by key.
    private let entries: [String: ConfigNode]
    /// Every key written, null values included.
    private let written: Set<String>

    /// Reads `node` as a mapping whose keys are among `keys` or `unsupported`.
    /// - Returns: nil (reported) when `node` is not a mapping.
    init?(_ node: ConfigNode, keys: [String], unsupported: [String] = []) {
        guard let all = node.mapping(allowed: keys + unsupported) else { return nil }
        self.node = node
        written = Set(all.keys)
        for key in unsupported { all[key]?.refuseUnsupported(key) }
        entries = all.filter { !$0.value.isNull && !unsupported.contains($0.key) }
    }

    /// The value of `key`; nil when absent or null.
    subscript(key: String) -> ConfigNode? { entries[key] }

    /// Whether `key` is written at all (even with a null value).
    func has(_ key: String) -> Bool { written.contains(key) }

    /// `key`'s scalar string, as written (Alertmanager expands no variables in plain fields).
    func string(_ key: String) -> String? { self[key]?.string() }

    /// `key`'s `true`/`false`.
    func bool(_ key: String) -> Bool? { self[key]?.bool() }

    /// `key`'s non-negative integer.
    func int(_ key: String) -> Int? { self[key]?.int() }

    /// `key`'s Prometheus duration (`0s` allowed; callers that refuse it say why).
    func duration(_ key: String) -> PromDuration? { self[key]?.duration(positive: false) }

    /// The items of `key`'s list (empty when absent).
    func list(_ key: String) -> [ConfigNode] { self[key]?.sequence(expected: "a list") ?? [] }

    /// `key`'s list of strings, each with its node; nil when absent.
    func strings(_ key: String) -> [(text: String, node: ConfigNode)]? {
        guard let items = self[key]?.sequence(expected: "a list of strings") else { return nil }
        return items.compactMap { item in item.string().map { ($0, item) } }
    }

    /// `key`'s mapping of names to strings in file order, each with its key's node; a null
    /// value reads as `""`, as go-yaml decodes it into a `map[string]string`.
    func stringMap(_ key: String) -> [(name: String, value: String, node: ConfigNode)]? {
        guard let value = self[key] else { return nil }
        guard case .mapping(let mapping) = value.node else {
            value.fail(expected: "a mapping of names to strings")
            return nil
        }
        var out: [(name: String, value: String, node: ConfigNode)] = []
        for (keyNode, valueNode) in mapping {
            let name = keyNode.string ?? ""
            let entry = value.child(valueNode, key: name)
            if entry.isNull {
                out.append((name, "", value.child(keyNode, key: name)))
            } else if let text = entry.string() {
                out.append((name, text, value.child(keyNode, key: name)))
            }
        }
        return out
    }

    /// A `match_re`-style map: label names to regexes, where a null regex is refused as
    /// Alertmanager refuses it (`invalid regexp value for "name"`) rather than read as `^(?:)$`.
    func regexMap(_ key: String) -> [(name: String, value: String, node: ConfigNode)]? {
        guard let value = self[key], case .mapping(let mapping) = value.node else { return stringMap(key) }
        var nulls: Set<String> = []
        for (keyNode, valueNode) in mapping where valueNode.isYAMLNull {
            let name = keyNode.string ?? ""
            nulls.insert(name)
            value.child(valueNode, key: name).fail(expected: "a regular expression for \"\(name)\"", found: "nothing")
        }
        return stringMap(key)?.filter { !nulls.contains($0.name) }
    }
}

extension ConfigNode {
    /// The one message for an Alertmanager feature binwatch does not support yet, at this node.
    func refuseUnsupported(_ feature: String) {
        fail(expected: "a feature binwatch implements", found: AlertmanagerFields.unsupported(feature))
    }
}

extension AlertmanagerFields {
    /// The one wording for an Alertmanager feature binwatch does not support yet.
    static func unsupported(_ feature: String) -> String {
        "\(feature), an Alertmanager feature binwatch does not support yet"
    }
}
