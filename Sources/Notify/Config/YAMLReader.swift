import ConfigYAML
import Foundation
import Model
import Rules
import Yams

/// Collects config errors while decoding; one per decode, never shared across tasks. Nodes
/// come from ConfigYAML's `YAMLDocuments` (merge keys folded in); Notify keeps its keyed
/// reader because Alertmanager's messages (`unknown key`, `missing ...`) are its contract.
final class NotifyDiagnostics {
    let file: String
    private(set) var errors: [NotifyConfigError] = []
    let environment: [String: String]
    let readFile: (String) -> String?

    init(file: String, environment: [String: String], readFile: @escaping (String) -> String?) {
        self.file = file
        self.environment = environment
        self.readFile = readFile
    }

    func location(_ node: Node?) -> SourceLocation {
        SourceLocation(file: file, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1)
    }

    func error(_ node: Node?, _ path: String, _ message: String) {
        errors.append(NotifyConfigError(location: location(node), keyPath: path, message: message))
    }

    /// Advice that leaves the config valid (`check config` prints it).
    private(set) var warnings: [NotifyConfigError] = []

    func warning(_ node: Node?, _ path: String, _ message: String) {
        warnings.append(NotifyConfigError(location: location(node), keyPath: path, message: message))
    }

    /// The template set field templates are checked and compiled against (`templates:` files
    /// are added to it before the receivers are decoded).
    var templates = NotificationTemplates.defaults

    /// Parses a field template now, so a bad one is a config error at its YAML node rather
    /// than a failed notification later.
    func checkTemplate(_ source: String, node: Node?, path: String) {
        do {
            try templates.compile(source)
        } catch {
            self.error(node, path, "invalid template: \(error.message)")
        }
    }
}

/// A YAML mapping being decoded: hands out values by key, remembers which keys were
/// read, and reports the rest as unknown (Alertmanager's `UnmarshalStrict`).
struct YAMLMap {
    let node: Node
    let path: String
    let diagnostics: NotifyDiagnostics
    private var entries: [(key: String, keyNode: Node, value: Node)] = []
    private var used: Set<String> = []

    /// Nil (with an error) when `node` is not a mapping.
    init?(_ node: Node, path: String, _ diagnostics: NotifyDiagnostics) {
        self.node = node
        self.path = path
        self.diagnostics = diagnostics
        if node.isYAMLNull {
            return  // an empty value, e.g. `route:` with nothing: an empty mapping
        }
        guard let mapping = node.mapping else {
            diagnostics.error(node, path, "expected a mapping, found \(YAMLMap.kind(node))")
            return nil
        }
        var seen: Set<String> = []
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            if !seen.insert(key).inserted {
                diagnostics.error(keyNode, Self.join(path, key), "duplicate key \"\(key)\"")
            }
            entries.append((key, keyNode, value))
        }
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    static func kind(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return node.isYAMLNull ? "null" : "scalar \"\(s.string)\""
        case .mapping: return "a mapping"
        case .sequence: return "a sequence"
        case .alias: return "an alias"
        }
    }

    /// The value node of `key`, marking it used; nil when absent or null.
    mutating func value(_ key: String) -> Node? {
        used.insert(key)
        guard let entry = entries.first(where: { $0.key == key }) else { return nil }
        if entry.value.isYAMLNull { return nil }
        return entry.value
    }

    func has(_ key: String) -> Bool { entries.contains { $0.key == key } }

    func childPath(_ key: String) -> String { Self.join(path, key) }

    /// Reports every key that no `value(_:)` call asked for.
    func rejectUnknownKeys() {
        for entry in entries where !used.contains(entry.key) {
            diagnostics.error(entry.keyNode, childPath(entry.key), "unknown key \"\(entry.key)\"")
        }
    }

    mutating func string(_ key: String) -> String? {
        guard let node = value(key) else { return nil }
        guard case .scalar(let s) = node else {
            diagnostics.error(node, childPath(key), "expected a string, found \(Self.kind(node))")
            return nil
        }
        return s.string
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let node = value(key) else { return nil }
        guard case .scalar(let s) = node, let b = ["true": true, "false": false][s.string] else {
            diagnostics.error(node, childPath(key), "expected true or false, found \(Self.kind(node))")
            return nil
        }
        return b
    }

    mutating func int(_ key: String) -> Int? {
        guard let node = value(key) else { return nil }
        guard case .scalar(let s) = node, let n = Int(s.string), n >= 0 else {
            diagnostics.error(node, childPath(key), "expected a non-negative integer, found \(Self.kind(node))")
            return nil
        }
        return n
    }

    mutating func duration(_ key: String) -> PromDuration? {
        guard let text = string(key), let node = value(key) else { return nil }
        do {
            return try PromDuration(parsing: text)
        } catch {
            diagnostics.error(node, childPath(key), "expected a duration such as 30s or 1h30m: \(error)")
            return nil
        }
    }

    mutating func stringList(_ key: String) -> [String]? {
        guard let node = value(key) else { return nil }
        guard case .sequence(let seq) = node else {
            diagnostics.error(node, childPath(key), "expected a list of strings, found \(Self.kind(node))")
            return nil
        }
        var out: [String] = []
        for (index, item) in seq.enumerated() {
            guard case .scalar(let s) = item else {
                diagnostics.error(item, "\(childPath(key))[\(index)]", "expected a string, found \(Self.kind(item))")
                continue
            }
            out.append(s.string)
        }
        return out
    }

    mutating func stringMap(_ key: String) -> [(String, String, Node)]? {
        guard let node = value(key) else { return nil }
        guard let map = node.mapping else {
            diagnostics.error(node, childPath(key), "expected a mapping of strings, found \(Self.kind(node))")
            return nil
        }
        var out: [(String, String, Node)] = []
        for (k, v) in map {
            guard case .scalar(let s) = v else {
                diagnostics.error(v, "\(childPath(key)).\(k.string ?? "")", "expected a string, found \(Self.kind(v))")
                continue
            }
            out.append((k.string ?? "", s.string, k))
        }
        return out
    }

    /// A `match_re`-style map: label names to regexes, where a null regex is refused as
    /// Alertmanager refuses it (`invalid regexp value for "name"`) rather than read as `^(?:)$`.
    mutating func regexMap(_ key: String) -> [(String, String, Node)]? {
        guard let node = value(key), let map = node.mapping else { return stringMap(key) }
        for (k, v) in map where v.isYAMLNull {
            diagnostics.error(v, "\(childPath(key)).\(k.string ?? "")", "invalid regexp value for \"\(k.string ?? "")\"")
        }
        return stringMap(key)?.filter { name, _, _ in !map.contains { $0.key.string == name && $0.value.isYAMLNull } }
    }

    /// Refuses keys Alertmanager 0.25 accepts but binwatch does not implement yet, all with
    /// one message that names the feature (rather than a generic `unknown key`).
    mutating func refuseUnsupported(_ keys: [String]) {
        for key in keys {
            guard let entry = entries.first(where: { $0.key == key }) else { continue }
            used.insert(key)
            diagnostics.error(entry.keyNode, childPath(key), Self.unsupported(key))
        }
    }

    /// The one wording for an Alertmanager feature binwatch does not support yet.
    static func unsupported(_ feature: String) -> String {
        "\(feature) is an Alertmanager feature binwatch does not support yet"
    }

    /// Each element of a sequence of mappings, with its path.
    mutating func list(_ key: String) -> [(Node, String)] {
        guard let node = value(key) else { return [] }
        guard case .sequence(let seq) = node else {
            diagnostics.error(node, childPath(key), "expected a list, found \(Self.kind(node))")
            return []
        }
        return seq.enumerated().map { ($1, "\(childPath(key))[\($0)]") }
    }
}
