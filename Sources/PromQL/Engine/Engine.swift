public import Model

/// Runs PromQL queries against any `Queryable`, with Prometheus 3.x semantics: 5m
/// lookback over left-open windows, staleness markers, delayed `__name__` removal.
public struct Engine: Sendable {
    /// How far back an instant selector looks for a sample (milliseconds).
    public var lookbackDelta: Int64
    /// Step of subqueries written without one (`x[5m:]`), in milliseconds.
    public var subqueryDefaultStep: Int64
    /// Most points one selection may hold.
    public var maxSamples: Int
    /// Asked between series and steps whether to stop (timeout, cancellation); nil: never.
    public var interruption: QueryInterruption?
    /// Whether stored values may be `HistogramPlaceholder`s (only the promqltest runner
    /// loads them); off, the evaluator never looks for them.
    var histogramPlaceholders = false

    public init(lookbackDelta: Int64 = 300_000, subqueryDefaultStep: Int64 = 60_000, maxSamples: Int = 50_000_000) {
        self.lookbackDelta = lookbackDelta
        self.subqueryDefaultStep = subqueryDefaultStep
        self.maxSamples = maxSamples
    }

    /// Evaluates `expr` at one time. Vectors come back in the engine's order (sort
    /// functions' order is kept), range vectors sorted by labels.
    /// - Throws: `EvaluationError`.
    public func instantQuery(_ expr: Expr, at time: Timestamp, on queryable: any Queryable) throws(EvaluationError) -> Value {
        try instantQueryResult(expr, at: time, on: queryable).value
    }

    /// `instantQuery` with the warnings and infos the query raised.
    /// - Throws: `EvaluationError`.
    public func instantQueryResult(
        _ expr: Expr, at time: Timestamp, on queryable: any Queryable
    ) throws(EvaluationError) -> QueryResult<Value> {
        let t = time.milliseconds
        let (value, annotations) = try run(expr, start: t, end: t, step: 0, queryable)
        return QueryResult(value: Self.instantValue(expr, value, at: t), annotations: annotations)
    }

    private static func instantValue(_ expr: Expr, _ value: EvalValue, at t: Int64) -> Value {
        switch (expr.type, value) {
        case (.string, .string(let s)):
            return .string(StringValue(timestamp: t, value: s))
        case (.scalar, .matrix(let m)):
            return .scalar(Scalar(timestamp: t, value: m.first?.values.first ?? .nan))
        case (.matrix, .matrix(let m)):
            return .matrix(m.sortedByLabels())
        case (_, .matrix(let m)):
            return .vector(m.map { Sample(labels: $0.labels, timestamp: t, value: $0.values.first ?? .nan) })
        case (_, .string(let s)):
            return .string(StringValue(timestamp: t, value: s))
        }
    }

    /// Evaluates `expr` at every step from `start` to `end`; the result is a matrix
    /// sorted by labels (scalars become one series without labels).
    /// - Throws: `EvaluationError`, also when `expr` is not a scalar or instant vector.
    public func rangeQuery(
        _ expr: Expr, start: Timestamp, end: Timestamp, step: Int64, on queryable: any Queryable
    ) throws(EvaluationError) -> Matrix {
        try rangeQueryResult(expr, start: start, end: end, step: step, on: queryable).value
    }

    /// `rangeQuery` with the warnings and infos the query raised.
    /// - Throws: `EvaluationError`, also when `expr` is not a scalar or instant vector.
    public func rangeQueryResult(
        _ expr: Expr, start: Timestamp, end: Timestamp, step: Int64, on queryable: any Queryable
    ) throws(EvaluationError) -> QueryResult<Matrix> {
        guard expr.type == .scalar || expr.type == .vector else {
            throw .execution(
                "invalid expression type \"\(expr.type.documentedName)\" for range query, must be Scalar or instant Vector")
        }
        guard step > 0 else { throw .execution("zero or negative query resolution step widths are not accepted") }
        guard end >= start else { throw .execution("end timestamp must not be before start time") }
        let (value, annotations) = try run(expr, start: start.milliseconds, end: end.milliseconds, step: step, queryable)
        return QueryResult(value: value.matrix.sortedByLabels(), annotations: annotations)
    }

    private func run(_ expr: Expr, start: Int64, end: Int64, step: Int64, _ queryable: any Queryable)
        throws(EvaluationError) -> (EvalValue, Annotations)
    {
        do {
            let querier = try queryable.querier(mint: Timestamp(milliseconds: .min / 2), maxt: Timestamp(milliseconds: .max / 2))
            let context = QueryContext(
                queryStart: start, queryEnd: end, queryStep: step, lookbackDelta: lookbackDelta,
                subqueryDefaultStep: subqueryDefaultStep, maxSamples: maxSamples, querier: querier,
                interruption: interruption, histogramPlaceholders: histogramPlaceholders)
            let evaluator = Evaluator(context: context, start: start, end: end, interval: step == 0 ? 1 : step)
            let value = try evaluator.eval(expr)
            guard case .matrix(let matrix) = value else { return (value, context.annotations) }
            return (.matrix(try evaluator.dropNames(matrix)), context.annotations)
        } catch let error as EvaluationError {
            throw error
        } catch let error as StorageError {
            throw .storage(error.description)
        } catch {
            throw .execution("\(error)")
        }
    }
}

extension Evaluator {
    /// Delayed name removal (`cleanupMetricLabels`): drop `__name__` from series flagged
    /// by a function or operator, then merge series that became identical (an error if
    /// two of them have a point at the same time).
    func dropNames(_ matrix: Matrix) throws -> Matrix {
        var matrix = matrix
        var changed = false
        for i in matrix.indices where matrix[i].dropName {
            matrix[i].labels = matrix[i].labels.removing([LabelName.metricName, "__type__", "__unit__"])
            matrix[i].dropName = false
            changed = true
        }
        return changed ? try mergeSeriesWithSameLabelset(matrix) : matrix
    }
}
