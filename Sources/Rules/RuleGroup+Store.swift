public import Model
public import PromQL

extension RuleGroup {
    /// Evaluates every rule in order at `ts` against `store` through `engine`, appending each
    /// rule's output (recording series, `ALERTS`, `ALERTS_FOR_STATE`, staleness markers)
    /// before the next rule runs, so later rules of the group, later groups and later
    /// evaluations see it, as Prometheus's `Group.Eval` does with its appender.
    ///
    /// A sample the store refuses (out of order, or a different value at the same time as
    /// an existing one) fails the rule as in Prometheus, where the append error becomes the
    /// rule's last error; the other samples are still written.
    /// - Parameters:
    ///   - ts: the evaluation time (queries run at `ts - query_offset`).
    ///   - store: the series store read and written.
    ///   - engine: PromQL engine settings.
    ///   - parserOptions: the feature flags rule expressions are parsed with.
    ///   - restored: whether `ALERTS`/`ALERTS_FOR_STATE` are written (see `AlertingRule.evaluate`).
    ///   - willEvaluateRule: called with each rule's index before it runs, and
    ///   - didEvaluateRule: after its output was appended, so a caller with a clock can time
    ///     each rule (Prometheus's per-rule `evaluationTime`) while this module reads none.
    /// - Returns: the samples written, the failed rules and the alert transitions.
    public mutating func evaluate(
        at ts: Timestamp, store: inout SeriesStore, engine: Engine, parserOptions: ParserOptions = .standard,
        restored: Bool = true, willEvaluateRule: (Int) -> Void = { _ in }, didEvaluateRule: (Int) -> Void = { _ in }
    ) -> Evaluation {
        var evaluation = Evaluation(samples: [], failures: [], transitions: [])
        for index in rules.indices {
            willEvaluateRule(index)
            defer { didEvaluateRule(index) }
            var outcome = evaluateRule(at: index, ts: ts, store: store, engine: engine, options: parserOptions, restored: restored)
            // The query's copy of the store is gone here, so these appends mutate in place.
            var appendError: StorageError?
            for sample in outcome.samples {
                do {
                    try store.append(sample.labels, timestamp: sample.timestamp, value: sample.value)
                } catch {
                    if appendError == nil { appendError = error }
                }
            }
            if let appendError, outcome.failure == nil {
                outcome.failure = Failure(rule: rules[index].name, error: appendError.description)
            }
            evaluation.add(outcome)
        }
        return evaluation
    }

    /// Runs one rule against a snapshot of the store (kept in its own function so the
    /// snapshot is released before the caller appends).
    private mutating func evaluateRule(
        at index: Int, ts: Timestamp, store: SeriesStore, engine: Engine, options: ParserOptions, restored: Bool
    ) -> RuleOutcome {
        let query = EngineQuery.ruleQuery(engine: engine, queryable: store, parserOptions: options, cache: expressions)
        return evaluateRule(at: index, ts: ts, query: query, restored: restored)
    }
}
