public import Model

/// What every evaluator of one query shares: the query's own time frame (for `@
/// start()`/`end()` and duration expressions), the engine settings, and the reader.
final class QueryContext {
    let queryStart: Int64
    let queryEnd: Int64
    /// The query's step in milliseconds (0 for an instant query).
    let queryStep: Int64
    let lookbackDelta: Int64
    let subqueryDefaultStep: Int64
    let maxSamples: Int
    let querier: any Querier
    /// Asked between series and steps whether to stop (deadline, cancellation).
    let interruption: QueryInterruption?
    /// Whether selected series may hold `HistogramPlaceholder` values.
    let histogramPlaceholders: Bool
    /// Series per matcher set, so a selector used at several places is read once.
    var selections: [[Matcher]: [Series]] = [:]
    /// Warnings and infos raised so far; returned with the result.
    var annotations = Annotations()

    init(queryStart: Int64, queryEnd: Int64, queryStep: Int64, lookbackDelta: Int64,
         subqueryDefaultStep: Int64, maxSamples: Int, querier: any Querier, interruption: QueryInterruption? = nil,
         histogramPlaceholders: Bool = false) {
        self.queryStart = queryStart
        self.queryEnd = queryEnd
        self.queryStep = queryStep
        self.lookbackDelta = lookbackDelta
        self.subqueryDefaultStep = subqueryDefaultStep
        self.maxSamples = maxSamples
        self.querier = querier
        self.interruption = interruption
        self.histogramPlaceholders = histogramPlaceholders
    }

    /// Records an annotation (deduplicated by message).
    func annotate(_ annotation: Annotation) {
        annotations.add(annotation)
    }

    /// Throws `.timeout`/`.canceled` when the interruption hook says so
    /// (`contextDone(ctx, "expression evaluation")` in engine.go).
    func checkInterruption() throws(EvaluationError) {
        if let interruption, let reason = interruption.check() {
            switch reason {
            case .timeout: throw .timeout("expression evaluation")
            case .canceled: throw .canceled("expression evaluation")
            }
        }
    }

    /// The series matching `matchers`, read once per query.
    func select(_ matchers: [Matcher]) -> [Series] {
        if let cached = selections[matchers] { return cached }
        let series = querier.select(matchers)
        selections[matchers] = series
        return series
    }

    /// A duration expression's value in milliseconds, with `step()` and `range()` of this query.
    func resolve(_ expr: DurationExpr, allowNegative: Bool) throws -> Int64 {
        do {
            return try expr.milliseconds(
                step: Double(queryStep) / 1000, range: Double(queryEnd - queryStart) / 1000,
                allowNegative: allowNegative)
        } catch {
            throw EvaluationError.execution(error.description)
        }
    }

    /// The absolute time of an `@` modifier, or nil without one.
    func atTime(_ timestamp: Int64?, _ startOrEnd: AtModifierPreprocessor?) -> Int64? {
        if let timestamp { return timestamp }
        switch startOrEnd {
        case .start: return queryStart
        case .end: return queryEnd
        case nil: return nil
        }
    }
}

/// What evaluating a node yields: every non-string type is carried as a matrix whose
/// points sit on the evaluator's steps (a scalar is one series without labels).
enum EvalValue {
    case matrix(Matrix)
    case string(String)

    var matrix: Matrix {
        if case .matrix(let m) = self { return m }
        return []
    }
}
