import Yams

/// YAML merge keys (`<<: *defaults`, `<<: [*a, *b]`), folded in as go-yaml v2/v3 do for
/// Prometheus and Alertmanager: keys written in the mapping win over merged ones, and
/// among several merged mappings the earlier one wins. Merged entries keep the marks of
/// the anchored node, so errors point at where the value is written.
enum MergeKeys {
    static func resolve(_ node: Node) -> Node {
        switch node {
        case .mapping(let mapping): return .mapping(resolve(mapping))
        case .sequence(let sequence):
            var out = sequence
            for index in out.indices { out[index] = resolve(out[index]) }
            return .sequence(out)
        case .scalar, .alias: return node
        }
    }

    private static func isMergeKey(_ key: Node) -> Bool {
        guard case .scalar(let scalar) = key, scalar.string == "<<", scalar.style == .plain else { return false }
        return true
    }

    /// The mappings a `<<` value names, or nil when it is not a mapping or a list of them
    /// (left in place then, so the reader reports the key).
    private static func sources(_ value: Node) -> [Node.Mapping]? {
        switch value {
        case .mapping(let mapping): return [resolve(mapping)]
        case .sequence(let items):
            var out: [Node.Mapping] = []
            for item in items {
                guard case .mapping(let mapping) = item else { return nil }
                out.append(resolve(mapping))
            }
            return out
        default: return nil
        }
    }

    private static func resolve(_ mapping: Node.Mapping) -> Node.Mapping {
        guard mapping.contains(where: { isMergeKey($0.key) }) else {
            var out = mapping
            for index in out.indices { out[index].value = resolve(out[index].value) }
            return out
        }
        let written = Set(mapping.compactMap { isMergeKey($0.key) ? nil : $0.key.string })
        var taken = written
        var pairs: [(Node, Node)] = []
        for (key, value) in mapping {
            guard isMergeKey(key), let merged = sources(value) else {
                pairs.append((key, resolve(value)))
                continue
            }
            for source in merged {
                for (mergedKey, mergedValue) in source {
                    guard let name = mergedKey.string, taken.insert(name).inserted else { continue }
                    pairs.append((mergedKey, mergedValue))
                }
            }
        }
        return Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark)
    }
}
