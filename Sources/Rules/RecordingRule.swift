public import Model

/// A recording rule: renames and relabels its expression's result (`recording.go`).
public struct RecordingRule: Sendable {
    public let name: String
    public let expr: String
    /// Static labels (no templating); an empty value removes the label.
    public let labels: [RuleFile.KeyValue]

    public init(name: String, expr: String, labels: [RuleFile.KeyValue] = []) {
        self.name = name
        self.expr = expr
        self.labels = labels
    }

    /// The samples to write for `result` evaluated at `ts - queryOffset`.
    /// - Throws: `RuleEvaluationError` for duplicate output series or an exceeded `limit`;
    ///   nothing is written then.
    public func evaluate(_ result: [QueryResultSample], at ts: Timestamp, queryOffset: PromDuration = .zero, limit: Int = 0)
        throws(RuleEvaluationError) -> [RuleSample]
    {
        var seen: Set<Labels> = []
        var out: [RuleSample] = []
        for sample in result {
            var series = sample.labels
            series.set(LabelName.metricName, to: name)
            for label in labels { series.set(label.key, to: label.value) }
            guard seen.insert(series).inserted else {
                throw RuleEvaluationError("vector contains metrics with the same labelset after applying rule labels")
            }
            out.append(RuleSample(labels: series, value: sample.value, timestamp: ts - queryOffset))
        }
        if limit > 0 && out.count > limit {
            throw RuleEvaluationError("exceeded limit of \(limit) with \(out.count) series")
        }
        return out
    }
}
