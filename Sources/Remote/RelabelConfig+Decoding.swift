public import ConfigYAML
import Model

extension RemoteWriteConfig {
    /// Decodes `write_relabel_configs` and checks each entry as Prometheus's `relabel.Config`
    /// does (the same conditions and wording), reporting with file:line:col.
    public static func decodeRelabelConfigs(_ node: ConfigNode) -> [RelabelConfig] {
        guard let items = node.sequence(expected: "a list of relabel configs") else { return [] }
        return items.compactMap(decodeRelabel)
    }

    static func decodeRelabel(_ node: ConfigNode) -> RelabelConfig? {
        let keys = ["source_labels", "separator", "target_label", "regex", "modulus", "replacement", "action"]
        guard let entries = node.mapping(allowed: keys) else { return nil }
        var config = RelabelConfig()
        var ok = true
        if let list = entries["source_labels"]?.stringList(expected: "label names") {
            for (name, item) in list where !MetricNames.isValidLabelName(name) {
                item.fail(expected: "a label name", found: "\"\(name)\"")
                ok = false
            }
            config.sourceLabels = list.map { $0.0 }
        }
        if let value = entries["separator"]?.string(expected: "a separator string") { config.separator = value }
        if let value = entries["target_label"]?.string(expected: "a label name") { config.targetLabel = value }
        if let regexNode = entries["regex"], let text = regexNode.string(expected: "a regular expression") {
            do {
                config.regex = try CompiledRegex(text)
            } catch {
                regexNode.fail(expected: "a valid regular expression", found: "\(error)")
                ok = false
            }
        }
        if let value = entries["modulus"]?.int(minimum: 0) { config.modulus = UInt64(value) }
        if let value = entries["replacement"]?.string(expected: "a replacement string") { config.replacement = value }
        if let actionNode = entries["action"], let text = actionNode.string(expected: "a relabel action") {
            if let action = RelabelConfig.Action(rawValue: text.lowercased()) {
                config.action = action
            } else {
                actionNode.fail(expected: "one of \(RelabelConfig.Action.allCases.map(\.rawValue).joined(separator: ", "))",
                                found: "unknown relabel action \"\(text)\"")
                return nil
            }
        }
        if let problem = validate(config, given: Set(entries.keys)) {
            node.fail(expected: "a valid relabel config", found: problem)
            ok = false
        }
        return ok ? config : nil
    }

    /// Prometheus's `relabel.Config.Validate`, message for message.
    static func validate(_ c: RelabelConfig, given: Set<String>) -> String? {
        let action = c.action.rawValue
        if c.action == .hashmod && c.modulus == 0 { return "relabel configuration for hashmod requires non-zero modulus" }
        let needsTarget: Set<RelabelConfig.Action> = [.replace, .hashmod, .lowercase, .uppercase, .keepequal, .dropequal]
        if needsTarget.contains(c.action) && c.targetLabel.isEmpty {
            return "relabel configuration for \(action) action requires 'target_label' value"
        }
        if c.action == .replace && !isRelabelTarget(c.targetLabel) {
            return "\"\(c.targetLabel)\" is invalid 'target_label' for \(action) action"
        }
        let plainTarget: Set<RelabelConfig.Action> = [.lowercase, .uppercase, .keepequal, .dropequal, .hashmod]
        if plainTarget.contains(c.action) && !MetricNames.isValidLabelName(c.targetLabel) {
            return "\"\(c.targetLabel)\" is invalid 'target_label' for \(action) action"
        }
        if c.action == .labelmap && !isRelabelTarget(c.replacement) {
            return "\"\(c.replacement)\" is invalid 'replacement' for \(action) action"
        }
        if (c.action == .keepequal || c.action == .dropequal)
            && !given.isDisjoint(with: ["regex", "modulus", "separator", "replacement"]) {
            return "\(action) action requires only 'source_labels' and `target_label`, and no other fields"
        }
        if (c.action == .labeldrop || c.action == .labelkeep)
            && !given.isDisjoint(with: ["source_labels", "target_label", "modulus", "separator", "replacement"]) {
            return "\(action) action requires only 'regex', and no other fields"
        }
        return nil
    }

    /// Prometheus's `relabelTarget`: `^(?:(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*)+$`, a label
    /// name that may hold `$1` / `${1}` references.
    static func isRelabelTarget(_ text: String) -> Bool {
        guard let regex = try? CompiledRegex(#"(?:(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*)+"#) else { return false }
        return regex.matches(text)
    }
}
