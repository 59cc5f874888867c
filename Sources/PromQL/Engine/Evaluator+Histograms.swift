public import Model

extension Evaluator {
    /// `histogram_quantile(q, buckets)`: buckets grouped by all labels but `le`.
    func histogramQuantile(_ args: [Expr]) throws -> Matrix {
        let q = try scalarValues(args[0])
        return try rangeEval([try eval(args[1]).matrix]) { step, ts, inputs in
            Self.groupBuckets(inputs[0].vector).map { group in
                Sample(labels: group.labels, timestamp: ts, value: HistogramQuantile.quantile(q[step], group.buckets),
                       dropName: true)
            }
        }
    }

    /// `histogram_fraction(lower, upper, buckets)`.
    func histogramFraction(_ args: [Expr]) throws -> Matrix {
        let lower = try scalarValues(args[0]), upper = try scalarValues(args[1])
        return try rangeEval([try eval(args[2]).matrix]) { step, ts, inputs in
            Self.groupBuckets(inputs[0].vector).map { group in
                Sample(labels: group.labels, timestamp: ts,
                       value: HistogramQuantile.fraction(lower: lower[step], upper: upper[step], group.buckets),
                       dropName: true)
            }
        }
    }

    struct BucketGroup {
        var labels: Labels
        var buckets: [HistogramQuantile.Bucket]
    }

    /// Groups classic buckets by their labels without `le`; samples whose `le` does not
    /// parse as a float are skipped (Prometheus warns about them).
    static func groupBuckets(_ vector: Vector) -> [BucketGroup] {
        var index: [Labels: Int] = [:]
        var groups: [BucketGroup] = []
        let le: Set<String> = [LabelName.bucketBound]
        for sample in vector {
            guard let text = sample.labels[LabelName.bucketBound], let bound = parseGoFloat(text) else { continue }
            let key = sample.labels.removing(le)
            if let i = index[key] {
                groups[i].buckets.append(.init(upperBound: bound, count: sample.value))
            } else {
                index[key] = groups.count
                groups.append(BucketGroup(labels: key, buckets: [.init(upperBound: bound, count: sample.value)]))
            }
        }
        return groups
    }
}

/// `strconv.ParseFloat(s, 64)` for the forms bucket bounds use: decimal and exponent
/// notation, `Inf`/`+Inf`/`-Inf`/`NaN` in any case, and `_` is not allowed.
func parseGoFloat(_ text: String) -> Double? {
    switch text.lowercased() {
    case "inf", "+inf", "infinity", "+infinity": return .infinity
    case "-inf", "-infinity": return -.infinity
    case "nan": return .nan
    default: break
    }
    if text.lowercased().hasPrefix("0x") || text.hasPrefix("-0x") || text.hasPrefix("+0x") { return nil }
    return Double(text)
}
