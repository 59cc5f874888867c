/// A series' identity: labels sorted by name, names unique, no empty values
/// (Prometheus treats an empty value as an absent label).
///
/// Ordering follows Prometheus's `labels.Compare`: pairwise by name, then value,
/// then the shorter set first.
public struct Labels: Hashable, Sendable, Comparable, Sequence, CustomStringConvertible {
    public private(set) var pairs: [Label]

    /// The empty label set.
    public init() { pairs = [] }

    /// Builds a label set; later duplicates of a name win, empty values are dropped.
    public init(_ pairs: [Label]) {
        var byName: [String: String] = [:]
        for pair in pairs { byName[pair.name] = pair.value }
        self.pairs = byName.filter { !$0.value.isEmpty }
            .map { Label(name: $0.key, value: $0.value) }
            .sorted()
    }

    /// Builds a label set from a dictionary literal-like mapping.
    public init(_ dictionary: [String: String]) {
        self.init(dictionary.map { Label(name: $0.key, value: $0.value) })
    }

    /// The value of `name`, or nil when absent.
    public subscript(name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// The metric name (`__name__`), if any.
    public var metricName: String? { self[LabelName.metricName] }

    public var count: Int { pairs.count }
    public var isEmpty: Bool { pairs.isEmpty }
    public func makeIterator() -> IndexingIterator<[Label]> { pairs.makeIterator() }

    /// A copy with `name` set to `value` (removed when `value` is empty).
    public func setting(_ name: String, to value: String) -> Labels {
        var copy = self
        copy.set(name, to: value)
        return copy
    }

    /// Sets `name` to `value`, keeping the order; an empty value removes the label.
    public mutating func set(_ name: String, to value: String) {
        let index = pairs.firstIndex { $0.name >= name } ?? pairs.endIndex
        let present = index < pairs.endIndex && pairs[index].name == name
        switch (present, value.isEmpty) {
        case (true, true): pairs.remove(at: index)
        case (true, false): pairs[index].value = value
        case (false, false): pairs.insert(Label(name: name, value: value), at: index)
        case (false, true): break
        }
    }

    /// A copy without the named labels.
    public func removing(_ names: Set<String>) -> Labels {
        var copy = self
        copy.pairs.removeAll { names.contains($0.name) }
        return copy
    }

    /// A copy with only the named labels.
    public func keeping(_ names: Set<String>) -> Labels {
        var copy = self
        copy.pairs.removeAll { !names.contains($0.name) }
        return copy
    }

    /// `{a="1", b="2"}` with the metric name in front, as Prometheus prints series.
    public var description: String {
        let rest = pairs.filter { $0.name != LabelName.metricName }
            .map { "\($0.name)=\"\(Labels.escape($0.value))\"" }
            .joined(separator: ", ")
        let name = metricName ?? ""
        if rest.isEmpty && !name.isEmpty { return name }
        return "\(name){\(rest)}"
    }

    /// Escapes a label value as Prometheus's text formats do (`\\`, `\"`, `\n`).
    public static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for ch in value {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }

    public static func < (lhs: Labels, rhs: Labels) -> Bool {
        for (l, r) in zip(lhs.pairs, rhs.pairs) where l != r {
            return l < r
        }
        return lhs.pairs.count < rhs.pairs.count
    }
}
