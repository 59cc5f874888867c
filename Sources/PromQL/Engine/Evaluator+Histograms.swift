public import Model

extension Evaluator {
    /// `histogram_quantile(q, buckets)`: buckets grouped by all labels but `le`.
    func histogramQuantile(_ args: [Expr]) throws -> Matrix {
        let q = try scalarValues(args[0])
        return try rangeEval([try evalKeepingHistograms(args[1]).matrix]) { step, ts, inputs in
            if q[step].isNaN || q[step] < 0 || q[step] > 1 {
                self.context.annotate(.invalidQuantile(q[step], args[0].positionRange))
            }
            return self.groupBuckets(inputs[0].vector, args[1]).map { group in
                Sample(labels: group.labels, timestamp: ts,
                       value: self.bucketQuantile(q[step], group, at: ts, args[1]), dropName: true)
            }
        }
    }

    /// `histogram_quantiles(buckets, "label", q0, q1, ...)` (experimental in 3.x): one
    /// output series per quantile, told apart by `label` (OpenMetrics float text of q).
    func histogramQuantiles(_ args: [Expr]) throws -> Matrix {
        let label = stringArgument(args[1])
        let qs = try args.dropFirst(2).map { try scalarValues($0) }
        return try rangeEval([try evalKeepingHistograms(args[0]).matrix]) { step, ts, inputs in
            for (i, q) in qs.enumerated() where q[step].isNaN || q[step] < 0 || q[step] > 1 {
                self.context.annotate(.invalidQuantile(q[step], args[i + 2].positionRange))
            }
            let groups = self.groupBuckets(inputs[0].vector, args[0])
            var out: Vector = []
            for q in qs {
                let qText = PromFloat.openMetrics(q[step])
                for group in groups {
                    out.append(Sample(labels: group.labels.setting(label, to: qText), timestamp: ts,
                                      value: self.bucketQuantile(q[step], group, at: ts, args[0]), dropName: true))
                }
            }
            // The same label set twice (label clashing with a grouping label) is an error.
            if Set(out.map(\.labels)).count != out.count {
                throw EvaluationError.execution(Messages.duplicateLabelset)
            }
            return out
        }
    }

    /// `BucketQuantile` plus the monotonicity info when the buckets needed fixing.
    func bucketQuantile(_ q: Double, _ group: BucketGroup, at ts: Int64, _ arg: Expr) -> Double {
        let (value, fix) = HistogramQuantile.quantileReportingFix(q, group.buckets)
        if let fix {
            context.annotate(.forcedMonotonicity(
                metricName: group.metricName, arg.positionRange, at: ts,
                minBucket: fix.minBucket, maxBucket: fix.maxBucket, maxDiff: fix.maxDiff))
        }
        return value
    }

    /// `histogram_fraction(lower, upper, buckets)`.
    func histogramFraction(_ args: [Expr]) throws -> Matrix {
        let lower = try scalarValues(args[0]), upper = try scalarValues(args[1])
        return try rangeEval([try evalKeepingHistograms(args[2]).matrix]) { step, ts, inputs in
            self.groupBuckets(inputs[0].vector, args[2]).map { group in
                Sample(labels: group.labels, timestamp: ts,
                       value: HistogramQuantile.fraction(lower: lower[step], upper: upper[step], group.buckets),
                       dropName: true)
            }
        }
    }

    struct BucketGroup {
        var labels: Labels
        /// `__name__` of the first bucket (delayed name removal keeps it until the end).
        var metricName: String
        var buckets: [HistogramQuantile.Bucket]
    }

    /// Groups classic buckets by their labels without `le`; a sample whose `le` is
    /// missing or not a float is left out with a warning, as `resetHistograms` does.
    func groupBuckets(_ vector: Vector, _ arg: Expr) -> [BucketGroup] {
        var index: [Labels: Int] = [:]
        var groups: [BucketGroup] = []
        let le: Set<String> = [LabelName.bucketBound]
        var natives: [Sample] = []
        for sample in vector {
            if context.histogramPlaceholders && HistogramPlaceholder.isPlaceholder(sample.value) {
                natives.append(sample)
                continue
            }
            let text = sample.labels[LabelName.bucketBound] ?? ""
            guard let bound = parseGoFloat(text) else {
                context.annotate(.badBucketLabel(
                    metricName: sample.labels[LabelName.metricName] ?? "", label: text, arg.positionRange))
                continue
            }
            let key = sample.labels.removing(le)
            if let i = index[key] {
                groups[i].buckets.append(.init(upperBound: bound, count: sample.value))
            } else {
                index[key] = groups.count
                groups.append(BucketGroup(labels: key, metricName: sample.labels[LabelName.metricName] ?? "",
                                          buckets: [.init(upperBound: bound, count: sample.value)]))
            }
        }
        // A native histogram with the labels of a classic one: neither is used (`resetHistograms`).
        // binwatch cannot compute quantiles of the other native histograms; they give nothing.
        var dropped = Set<Int>()
        for native in natives {
            guard let i = index[native.labels], !groups[i].buckets.isEmpty else { continue }
            context.annotate(.mixedClassicNativeHistograms(metricName: native.labels[LabelName.metricName] ?? "", arg.positionRange))
            dropped.insert(i)
        }
        return dropped.isEmpty ? groups : groups.indices.filter { !dropped.contains($0) }.map { groups[$0] }
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
