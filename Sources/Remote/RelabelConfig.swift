public import Model

/// One `write_relabel_configs` entry: Prometheus's `relabel.Config` with its defaults
/// (separator `;`, regex `(.*)`, replacement `$1`, action `replace`), regexes fully anchored.
public struct RelabelConfig: Sendable {
    /// `action`.
    public enum Action: String, Sendable, CaseIterable {
        case replace, keep, drop, keepequal, dropequal, labelmap, labeldrop, labelkeep, lowercase, uppercase, hashmod
    }

    public var sourceLabels: [String] = []
    public var separator = ";"
    public var targetLabel = ""
    public var regex: CompiledRegex
    public var modulus: UInt64 = 0
    public var replacement = "$1"
    public var action = Action.replace

    /// The defaults, `regex: (.*)`.
    public init() {
        // "(.*)" always compiles.
        regex = try! CompiledRegex("(.*)")
    }
}

/// Applies a list of relabel configs to a series' labels (`relabel.Process`).
public enum Relabeling {
    /// The labels after every step, or nil when a step dropped the series (or left no name).
    public static func process(_ labels: Labels, _ configs: [RelabelConfig]) -> Labels? {
        var current: [String: String] = [:]
        for label in labels { current[label.name] = label.value }
        for config in configs {
            guard apply(config, to: &current) else { return nil }
        }
        let result = Labels(current.map { Label(name: $0.key, value: $0.value) })
        return result.isEmpty ? nil : result
    }

    /// One step; false drops the series.
    static func apply(_ config: RelabelConfig, to labels: inout [String: String]) -> Bool {
        let value = config.sourceLabels.map { labels[$0] ?? "" }.joined(separator: config.separator)
        switch config.action {
        case .drop:
            return !config.regex.matches(value)
        case .keep:
            return config.regex.matches(value)
        case .dropequal:
            return (labels[config.targetLabel] ?? "") != value
        case .keepequal:
            return (labels[config.targetLabel] ?? "") == value
        case .replace:
            guard let groups = config.regex.captures(in: value) else { return true }
            let target = expand(config.targetLabel, groups)
            guard MetricNames.isValidLabelName(target) else { return true }
            let result = expand(config.replacement, groups)
            if result.isEmpty { labels.removeValue(forKey: target) } else { labels[target] = result }
        case .lowercase:
            labels[config.targetLabel] = value.lowercased()
        case .uppercase:
            labels[config.targetLabel] = value.uppercased()
        case .hashmod:
            labels[config.targetLabel] = String(MD5.sum64(value) % config.modulus)
        case .labelmap:
            for (name, labelValue) in labels {
                guard let groups = config.regex.captures(in: name) else { continue }
                labels[expand(config.replacement, groups)] = labelValue
            }
        case .labeldrop:
            for name in Array(labels.keys) where config.regex.matches(name) { labels.removeValue(forKey: name) }
        case .labelkeep:
            for name in Array(labels.keys) where !config.regex.matches(name) { labels.removeValue(forKey: name) }
        }
        return true
    }

    /// Go's `Regexp.Expand` for `$1`, `${1}` and `$$`; a named reference (`${name}`) or a
    /// group that does not exist expands to nothing, as in Go for a missing group.
    static func expand(_ template: String, _ groups: [String]) -> String {
        var out = ""
        var chars = Array(template)[...]
        while let c = chars.popFirst() {
            guard c == "$", let next = chars.first else {
                out.append(c)
                continue
            }
            if next == "$" {
                chars.removeFirst()
                out.append("$")
                continue
            }
            var name = ""
            if next == "{" {
                guard let close = chars.firstIndex(of: "}") else {
                    out.append(c)
                    continue
                }
                name = String(chars[chars.index(after: chars.startIndex)..<close])
                chars = chars[chars.index(after: close)...]
            } else {
                while let d = chars.first, d.isLetter || d.isNumber || d == "_" {
                    name.append(d)
                    chars.removeFirst()
                }
                if name.isEmpty {
                    out.append(c)
                    continue
                }
            }
            if let index = Int(name), index < groups.count { out += groups[index] }
        }
        return out
    }
}
