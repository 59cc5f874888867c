import ConfigYAML
import Model
import Yams

/// Walks the YAML node tree into `RuleFile` values as go-yaml v3 decodes into rulefmt's
/// structs: type mismatches and unknown keys are collected as `line N: …` messages, a bad
/// duration aborts the whole decode (rulefmt's `model.Duration` unmarshaler fails hard).
struct YAMLShape {
    /// Decoding into rulefmt's `…Node` mirror types (second pass): other type names, no
    /// unknown-key checks, and `record`/`alert`/`expr` accept any node.
    let nodeTypes: Bool
    let compatibility: RuleFileDecoder.Compatibility
    let ignoreUnknownFields: Bool
    private(set) var typeErrors: [String] = []

    struct Abort: Error {
        var message: String
    }

    init(nodeTypes: Bool, compatibility: RuleFileDecoder.Compatibility, ignoreUnknownFields: Bool) {
        self.nodeTypes = nodeTypes
        self.compatibility = compatibility
        self.ignoreUnknownFields = ignoreUnknownFields
    }

    // MARK: - Node helpers (go-yaml's wording lives in ConfigYAML's `GoYAML`)

    private static func line(_ node: Node) -> Int { GoYAML.line(node) }
    private static func column(_ node: Node) -> Int { node.mark?.column ?? 0 }
    private static func shortTag(_ node: Node) -> String { GoYAML.shortTag(node) }
    private static func isNull(_ node: Node) -> Bool { GoYAML.isNull(node) }

    /// go-yaml's `cannot unmarshal !!tag `value` into TYPE`.
    private mutating func typeError(_ node: Node, into type: String) {
        typeErrors.append(GoYAML.cannotUnmarshal(node, into: type))
    }

    private mutating func unknownField(_ key: Node, in type: String) {
        guard !nodeTypes, !ignoreUnknownFields else { return }
        typeErrors.append(GoYAML.fieldNotFound(key, in: type))
    }

    private func mapping(_ node: Node) -> [(key: Node, value: Node)]? {
        guard case .mapping(let m) = node else { return nil }
        return m.map { ($0.key, $0.value) }
    }

    /// A scalar into a Go string: any scalar's text; null is the empty string.
    private mutating func string(_ node: Node) -> String {
        if Self.isNull(node) { return "" }
        guard case .scalar(let scalar) = node else {
            typeError(node, into: "string")
            return ""
        }
        return scalar.string
    }

    /// 2.42's strict pass already decodes rules into `RuleNode` (yaml.Node fields).
    private var rulesAsNodes: Bool { nodeTypes || compatibility == .prometheus2_42 }

    private mutating func located(_ node: Node) -> RuleFile.Located {
        let value = rulesAsNodes ? (node.scalar?.string ?? "") : string(node)
        return RuleFile.Located(value, line: Self.line(node), column: Self.column(node))
    }

    private mutating func duration(_ node: Node) throws(Abort) -> PromDuration? {
        if Self.isNull(node) { return nil }
        let text = string(node)
        guard case .scalar = node else { return nil }
        do {
            return try PromDuration(parsing: text)
        } catch {
            let message = error.reason == "not a valid duration string" ? "\(error.reason): \(GoPrintf.goQuote(text))" : error.reason
            throw Abort(message: message)
        }
    }

    private mutating func int(_ node: Node) -> Int {
        if Self.isNull(node) { return 0 }
        if case .scalar = node, Self.shortTag(node) == "!!int", let value = node.int { return value }
        if case .scalar = node, Self.shortTag(node) == "!!float", let f = node.float, f == f.rounded(), abs(f) < 9e18 { return Int(f) }
        typeError(node, into: "int")
        return 0
    }

    private mutating func stringMap(_ node: Node) -> [RuleFile.KeyValue] {
        if Self.isNull(node) { return [] }
        guard let pairs = mapping(node) else {
            typeError(node, into: "map[string]string")
            return []
        }
        return pairs.map { RuleFile.KeyValue(string($0.key), string($0.value)) }
    }

    // MARK: - Structure

    mutating func decodeRoot(_ root: Node?) throws(Abort) -> [RuleFile.Group] {
        guard let root, !Self.isNull(root) else { return [] }
        let rootType = nodeTypes ? "rulefmt.ruleGroups" : "rulefmt.RuleGroups"
        guard let pairs = mapping(root) else {
            typeError(root, into: rootType)
            return []
        }
        var groups: [RuleFile.Group] = []
        for (key, value) in pairs {
            guard key.string == "groups" else {
                unknownField(key, in: rootType)
                continue
            }
            if Self.isNull(value) { continue }
            // 2.42 decodes its node pass into `[]yaml.Node`, so it never looks inside groups.
            let legacyNodes = nodeTypes && compatibility == .prometheus2_42
            guard case .sequence(let items) = value else {
                typeError(value, into: legacyNodes ? "[]yaml.Node" : nodeTypes ? "[]rulefmt.RuleGroupNode" : "[]rulefmt.RuleGroup")
                continue
            }
            if legacyNodes { continue }
            for item in items { groups.append(try decodeGroup(item)) }
        }
        return groups
    }

    private mutating func decodeGroup(_ node: Node) throws(Abort) -> RuleFile.Group {
        let type = nodeTypes ? "rulefmt.RuleGroupNode" : "rulefmt.RuleGroup"
        var group = RuleFile.Group(name: "", line: Self.line(node), column: Self.column(node))
        if Self.isNull(node) { return group }
        guard let pairs = mapping(node) else {
            typeError(node, into: type)
            return group
        }
        let v3 = compatibility == .prometheus3
        for (key, value) in pairs {
            switch key.string {
            case "name": group.name = string(value)
            case "interval": group.interval = try duration(value)
            case "query_offset" where v3: group.queryOffset = try duration(value)
            case "limit": group.limit = int(value)
            case "labels" where v3: group.labels = stringMap(value)
            case "rules":
                if Self.isNull(value) { continue }
                guard case .sequence(let items) = value else {
                    typeError(value, into: rulesAsNodes ? "[]rulefmt.RuleNode" : "[]rulefmt.Rule")
                    continue
                }
                for item in items { group.rules.append(try decodeRule(item)) }
            default: unknownField(key, in: type)
            }
        }
        return group
    }

    private mutating func decodeRule(_ node: Node) throws(Abort) -> RuleFile.Rule {
        let type = rulesAsNodes ? "rulefmt.RuleNode" : "rulefmt.Rule"
        var rule = RuleFile.Rule()
        if Self.isNull(node) { return rule }
        guard let pairs = mapping(node) else {
            typeError(node, into: type)
            return rule
        }
        for (key, value) in pairs {
            switch key.string {
            case "record": rule.record = located(value)
            case "alert": rule.alert = located(value)
            case "expr": rule.expr = located(value)
            case "for": rule.forDuration = try duration(value) ?? .zero
            case "keep_firing_for": rule.keepFiringFor = try duration(value) ?? .zero
            case "labels": rule.labels = stringMap(value)
            case "annotations": rule.annotations = stringMap(value)
            default: unknownField(key, in: type)
            }
        }
        return rule
    }
}
