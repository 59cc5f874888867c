public import Model

/// Evaluates an expression at every step of `[start, end]` (one step for an instant
/// query), as Prometheus's `evaluator`: every node yields a matrix of step-aligned points.
final class Evaluator {
    let context: QueryContext
    let start: Int64
    let end: Int64
    let interval: Int64
    /// Set just before `eval` by a parent that handles histogram placeholders itself.
    var keepHistogramsInNextEval = false

    init(context: QueryContext, start: Int64, end: Int64, interval: Int64) {
        self.context = context
        self.start = start
        self.end = end
        self.interval = max(interval, 1)
    }

    var stepCount: Int { end < start ? 0 : Int((end - start) / interval) + 1 }
    var isInstant: Bool { start == end }

    func stepTime(_ index: Int) -> Int64 { start + Int64(index) * interval }

    /// Evaluates `expr`; native histogram placeholders are dropped from the result
    /// (functions ignore histograms they cannot handle) unless the caller asked for them
    /// with `evalKeepingHistograms`.
    func eval(_ expr: Expr) throws -> EvalValue {
        let keep = keepHistogramsInNextEval
        keepHistogramsInNextEval = false
        let value = try evalNode(expr, keepHistograms: keep)
        guard context.histogramPlaceholders, !keep, case .matrix(let matrix) = value else { return value }
        return .matrix(matrix.droppingHistogramPlaceholders())
    }

    /// `eval` for the operands of aggregations and binary operators, which see native
    /// histograms as Prometheus does (count them, ignore them with an info, reject them).
    func evalKeepingHistograms(_ expr: Expr) throws -> EvalValue {
        keepHistogramsInNextEval = context.histogramPlaceholders
        return try eval(expr)
    }

    private func evalNode(_ expr: Expr, keepHistograms: Bool) throws -> EvalValue {
        switch expr {
        case .numberLiteral(let literal):
            return .matrix(constantSeries(literal.value))
        case .stringLiteral(let literal):
            return .string(literal.value)
        case .paren(let paren):
            return keepHistograms ? try evalKeepingHistograms(paren.expr) : try eval(paren.expr)
        case .unary(let unary):
            var matrix = try eval(unary.expr).matrix
            if unary.op == .minus {
                for i in matrix.indices {
                    matrix[i].dropName = true
                    for j in matrix[i].values.indices { matrix[i].values[j] = -matrix[i].values[j] }
                }
            }
            return .matrix(matrix)
        case .vectorSelector(let selector):
            return .matrix(try evalVectorSelector(selector))
        case .matrixSelector(let selector):
            return .matrix(try evalMatrixSelectorRaw(selector))
        case .subquery(let subquery):
            return .matrix(try runSubquery(subquery).matrix)
        case .call(let call):
            return .matrix(try evalCall(call))
        case .aggregate(let aggregate):
            return .matrix(try evalAggregate(aggregate))
        case .binary(let binary):
            return .matrix(try evalBinary(binary))
        }
    }

    /// One series without labels holding `value` at every step.
    func constantSeries(_ value: Double) -> Matrix {
        var series = Series(labels: Labels())
        series.timestamps.reserveCapacity(stepCount)
        series.values.reserveCapacity(stepCount)
        for i in 0..<stepCount { series.append(stepTime(i), value) }
        return [series]
    }

    /// The values of a scalar-typed argument, one per step (NaN where it has none).
    func scalarValues(_ expr: Expr) throws -> [Double] {
        let matrix = try eval(expr).matrix
        var values = [Double](repeating: .nan, count: stepCount)
        guard let series = matrix.first else { return values }
        for (t, v) in zip(series.timestamps, series.values) {
            let index = Int((t - start) / interval)
            if index >= 0 && index < values.count { values[index] = v }
        }
        return values
    }

    /// Samples of one step gathered from argument matrices: the vector and, for each
    /// sample, the index of the series it came from (so per-series data such as match
    /// signatures can be computed once).
    struct StepInput {
        var vector: Vector
        var origins: [Int]
    }

    /// Prometheus's `rangeEval`: evaluates `args` once over all steps, then calls `body`
    /// per step with the samples at that step, and stitches the returned vectors into
    /// series (failing when one step yields two samples with the same labels).
    func rangeEval(
        _ matrices: [Matrix],
        _ body: (_ step: Int, _ time: Int64, _ inputs: [StepInput]) throws -> Vector
    ) throws -> Matrix {
        var cursors = matrices.map { [Int](repeating: 0, count: $0.count) }
        var inputs = matrices.map { _ in StepInput(vector: [], origins: []) }
        var output: Matrix = []
        var indexByLabels: [Labels: Int] = [:]
        var lastStepOf: [Int] = []
        for step in 0..<stepCount {
            try context.checkInterruption()
            let ts = stepTime(step)
            for m in matrices.indices {
                inputs[m].vector.removeAll(keepingCapacity: true)
                inputs[m].origins.removeAll(keepingCapacity: true)
                for s in matrices[m].indices {
                    let c = cursors[m][s]
                    let series = matrices[m][s]
                    guard c < series.timestamps.count, series.timestamps[c] == ts else { continue }
                    inputs[m].vector.append(
                        Sample(labels: series.labels, timestamp: ts, value: series.values[c], dropName: series.dropName))
                    inputs[m].origins.append(s)
                    cursors[m][s] = c + 1
                }
            }
            let result = try body(step, ts, inputs)
            if isInstant {
                return result.map {
                    Series(labels: $0.labels, timestamps: [ts], values: [$0.value], dropName: $0.dropName)
                }
            }
            for sample in result {
                if let index = indexByLabels[sample.labels] {
                    if lastStepOf[index] == step { throw EvaluationError.execution(Messages.duplicateLabelset) }
                    output[index].append(ts, sample.value)
                    lastStepOf[index] = step
                } else {
                    indexByLabels[sample.labels] = output.count
                    output.append(Series(labels: sample.labels, timestamps: [ts], values: [sample.value],
                                         dropName: sample.dropName))
                    lastStepOf.append(step)
                }
            }
        }
        return output
    }
}

/// Runtime error texts shared by several evaluator files (Prometheus's wording).
enum Messages {
    static let duplicateLabelset = "vector cannot contain metrics with the same labelset"
}
