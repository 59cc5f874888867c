public import Yams

/// go-yaml's way of naming nodes in its messages, for the decoders that must print what
/// promtool prints (`line 3: cannot unmarshal !!str `soon` into int`).
public enum GoYAML {
    /// The short tag go-yaml prints: `!!map`, `!!seq`, `!!str`, `!!int`, `!!null`, ...
    public static func shortTag(_ node: Node) -> String {
        switch node {
        case .mapping: return "!!map"
        case .sequence: return "!!seq"
        default:
            let tag = node.tag.description
            let prefix = "tag:yaml.org,2002:"
            return tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
        }
    }

    /// Whether go-yaml resolves the node to null.
    public static func isNull(_ node: Node) -> Bool {
        if case .scalar = node { return shortTag(node) == "!!null" }
        return false
    }

    /// The line go-yaml reports for a node (1-based; 0 when unknown).
    public static func line(_ node: Node) -> Int { node.mark?.line ?? 0 }

    /// go-yaml's `line N: cannot unmarshal !!tag `value` into TYPE` (values over 10 bytes
    /// are cut to 7 and `...`, as go-yaml does).
    public static func cannotUnmarshal(_ node: Node, into type: String) -> String {
        var value = ""
        if case .scalar(let scalar) = node {
            let text = scalar.string
            value = text.utf8.count > 10 ? " `" + String(decoding: text.utf8.prefix(7), as: UTF8.self) + "...`" : " `" + text + "`"
        }
        return "line \(line(node)): cannot unmarshal \(shortTag(node))\(value) into \(type)"
    }

    /// go-yaml's `line N: field NAME not found in type TYPE` for an unknown key.
    public static func fieldNotFound(_ key: Node, in type: String) -> String {
        "line \(line(key)): field \(key.string ?? "") not found in type \(type)"
    }
}
