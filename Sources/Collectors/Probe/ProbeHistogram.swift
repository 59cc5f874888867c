import Exposition
import Model

/// A cumulative histogram kept across probe runs, so `rate(x_bucket[5m])` and
/// `histogram_quantile` work on it as on any client library's histogram.
struct ProbeHistogram: Sendable {
    /// Upper bounds, increasing; the `+Inf` bucket is implicit.
    let bounds: [Double]
    private(set) var counts: [UInt64]
    private(set) var count: UInt64 = 0
    private(set) var sum: Double = 0

    init(bounds: [Double]) {
        self.bounds = bounds
        counts = [UInt64](repeating: 0, count: bounds.count)
    }

    /// Adds one observation to every bucket whose bound is ≥ `value` (buckets are cumulative).
    mutating func observe(_ value: Double) {
        for (index, bound) in bounds.enumerated() where value <= bound { counts[index] += 1 }
        count += 1
        sum += value
    }

    /// `<name>_bucket{le=…}` for each bound and `+Inf`, `<name>_sum`, `<name>_count`.
    func samples(name: String, labels: Labels) -> [MetricSample] {
        var out: [MetricSample] = []
        for (bound, n) in zip(bounds, counts) {
            out.append(MetricSample(name: name + "_bucket", labels: labels.setting("le", to: Self.format(bound)), value: Double(n)))
        }
        out.append(MetricSample(name: name + "_bucket", labels: labels.setting("le", to: "+Inf"), value: Double(count)))
        out.append(MetricSample(name: name + "_sum", labels: labels, value: sum))
        out.append(MetricSample(name: name + "_count", labels: labels, value: Double(count)))
        return out
    }

    /// `le` as client_golang writes it: shortest form (`0.1`, `5`, `1000`).
    static func format(_ bound: Double) -> String {
        bound == bound.rounded() && abs(bound) < 1e15 ? String(Int64(bound)) : String(bound)
    }
}
