import Model

extension TextEncoder {
    /// Sort key of one sample: its series (labels without `le`/`quantile`), then its role,
    /// then the numeric bound, so buckets come out in increasing order whatever the input order.
    private struct OrderKey {
        var series: Labels
        var rank: Int
        var bound: Double
        var boundText: String
        var name: String
    }

    /// `samples` in the order the encoder writes them (stable for equal keys).
    static func canonicalOrder(_ samples: [MetricSample], family: String, kind: FamilyKind) -> [MetricSample] {
        let boundLabel: String?
        switch kind {
        case .histogram, .gaugeHistogram: boundLabel = LabelName.bucketBound
        case .summary: boundLabel = LabelName.quantile
        default: boundLabel = nil
        }
        guard let boundLabel else {
            return samples.enumerated().sorted { a, b in
                if a.element.name != b.element.name { return a.element.name < b.element.name }
                if a.element.labels != b.element.labels { return a.element.labels < b.element.labels }
                return a.offset < b.offset
            }.map(\.element)
        }
        let keys = samples.map { sample -> OrderKey in
            let text = sample.labels[boundLabel] ?? ""
            let rank: Int
            switch kind.role(of: sample.name, family: family, format: .prometheusText) {
            case .bucket?, .quantile?, .value?: rank = 0
            case .sum?: rank = 1
            case .count?: rank = 2
            case .created?: rank = 3
            case nil: rank = 4
            }
            return OrderKey(
                series: sample.labels.removing([boundLabel]), rank: rank,
                bound: GoFloat.parse(text) ?? .nan, boundText: text, name: sample.name)
        }
        let order = keys.indices.sorted { i, j in
            let a = keys[i], b = keys[j]
            if a.series != b.series { return a.series < b.series }
            if a.rank != b.rank { return a.rank < b.rank }
            if a.name != b.name { return a.name < b.name }
            if a.bound != b.bound, !a.bound.isNaN, !b.bound.isNaN { return a.bound < b.bound }
            if a.boundText != b.boundText { return a.boundText < b.boundText }
            return i < j
        }
        return order.map { samples[$0] }
    }
}
