public import Model

extension Evaluator {
    func evalCall(_ call: Call) throws -> Matrix {
        let name = call.function.name
        let args = call.args.map(\.unwrappingParens)
        guard let kind = FunctionTable.kind(of: name) else {
            throw EvaluationError.execution("function \"\(name)\" is not supported by binwatch")
        }
        // Sorting steps is pointless: range results are ordered by labels (engine.go warns too,
        // also inside a subquery, whose evaluator spans several steps).
        if Self.sortFunctions.contains(name) && start != end {
            context.annotate(.sortInRangeQuery(call.positionRange))
        }
        switch kind {
        case .range(let kernel):
            return try evalRangeFunction(name: name, args: args, kernel: kernel)
        case .elementwise(let f):
            return try rangeEval([try eval(args[0]).matrix]) { _, _, inputs in
                inputs[0].vector.map { Sample(labels: $0.labels, timestamp: $0.timestamp, value: f($0.value), dropName: true) }
            }
        case .special:
            return try evalSpecialFunction(name: name, args: args, call: call)
        }
    }

    static let sortFunctions: Set<String> = ["sort", "sort_desc", "sort_by_label", "sort_by_label_desc"]

    /// Range functions that look at samples' presence and times only, so native
    /// histograms count like floats.
    static let countsHistograms: Set<String> = [
        "count_over_time", "present_over_time", "absent_over_time", "ts_of_first_over_time", "ts_of_last_over_time",
    ]

    /// A function over a range vector (selector or subquery): the window
    /// `(end - range, end]` with `end = (@ or t) - offset` is read per series and step.
    func evalRangeFunction(
        name: String, args: [Expr], kernel: (RangeWindow, [Double]) -> Double?
    ) throws -> Matrix {
        guard let matrixIndex = args.firstIndex(where: { $0.type == .matrix }) else {
            throw EvaluationError.execution("function \"\(name)\" needs a range vector argument")
        }
        let scalarArgs = try args.indices.filter { $0 != matrixIndex }.map { try scalarValues(args[$0]) }
        if name == "double_exponential_smoothing" {
            for (label, values) in zip(["smoothing", "trend"], scalarArgs) {
                if let bad = values.first(where: { !($0 > 0 && $0 < 1) }) {
                    throw EvaluationError.execution(
                        "invalid \(label) factor. Expected: 0 < \(label == "smoothing" ? "sf" : "tf") < 1, got: \(GoFormat.fixed6(bad))")
                }
            }
        }
        let source: [Series], offset: Int64, at: Int64?, range: Int64
        var histogramTimes: [[Int64]] = []  // Native histogram placeholders per source series.
        var argumentPosition = args[matrixIndex].positionRange
        switch args[matrixIndex] {
        case .matrixSelector(let selector):
            let vs = selector.vectorSelector
            if vs.anchored || vs.smoothed {
                throw EvaluationError.execution("the anchored and smoothed range modifiers are not supported by binwatch")
            }
            if context.histogramPlaceholders && Self.countsHistograms.contains(name) {
                source = context.select(vs.matchers).map(Self.withoutStaleMarkersOnly)
            } else {
                source = rangeSource(vs)
                if context.histogramPlaceholders { histogramTimes = placeholderTimes(vs) }
            }
            offset = try self.offset(of: vs)
            at = context.atTime(vs.timestamp, vs.startOrEnd)
            range = try rangeOf(selector)
        case .subquery(let subquery):
            // engine.go swaps the subquery for a matrix selector without a position, so
            // annotations about the argument point at 1:1.
            argumentPosition = PositionRange(start: 0, end: 0)
            let result = try runSubquery(subquery)
            source = result.matrix
            offset = result.offset
            at = result.at
            range = result.range
        default:
            throw EvaluationError.execution("unexpected range vector argument of \"\(name)\"")
        }
        let dropName = !FunctionTable.keepsName.contains(name)
        var output: Matrix = []
        var argsAtStep = [Double](repeating: 0, count: scalarArgs.count)
        let checksCounter = name == "rate" || name == "increase"
        for (si, series) in source.enumerated() {
            try context.checkInterruption()
            var out = Series(labels: series.labels, dropName: dropName || series.dropName)
            let ts = series.timestamps
            var lo = 0, hi = 0
            // One series can have millions of steps with huge windows (a subquery under
            // another): ask between steps too, as engine.go does per step, once enough
            // window points were read since the last check (cheap windows stay cheap).
            var pointsSinceCheck = 0
            for step in 0..<stepCount {
                if pointsSinceCheck > 1 << 16 {
                    pointsSinceCheck = 0
                    try context.checkInterruption()
                }
                let stepT = stepTime(step)
                let windowEnd = (at ?? stepT) - offset
                let windowStart = windowEnd - range
                // Windows only move forward unless `@` pins them; re-search when they jump back.
                if lo > 0 && ts[lo - 1] > windowStart { lo = lowerBound(ts, windowStart + 1) }
                while lo < ts.count && ts[lo] <= windowStart { lo += 1 }
                if hi < lo { hi = lo }
                if hi > 0 && ts[hi - 1] > windowEnd { hi = lowerBound(ts, windowEnd + 1) }
                while hi < ts.count && ts[hi] <= windowEnd { hi += 1 }
                pointsSinceCheck += hi - lo + 1
                guard lo < hi else { continue }
                // One window in memory at a time: Prometheus's limit applies to it.
                if hi - lo > context.maxSamples { throw EvaluationError.tooManySamples("query execution") }
                if !histogramTimes.isEmpty, !histogramTimes[si].isEmpty,
                   !mixedWindowAllowsResult(name, args, series, ts[lo..<hi], histogramTimes[si], windowStart, windowEnd) {
                    continue
                }
                for i in argsAtStep.indices { argsAtStep[i] = scalarArgs[i][step] }
                if name == "quantile_over_time", let q = argsAtStep.first, q.isNaN || q < 0 || q > 1 {
                    context.annotate(.invalidQuantile(q, args[0].positionRange))
                }
                let window = RangeWindow(
                    timestamps: ts[lo..<hi], values: series.values[lo..<hi],
                    rangeStart: windowStart, rangeEnd: windowEnd, evalTime: stepT)
                if let value = kernel(window, argsAtStep) { out.append(stepT, value) }
            }
            if !out.isEmpty {
                if checksCounter, let metricName = series.labels[LabelName.metricName], !metricName.isEmpty,
                   Annotation.lacksCounterSuffix(metricName) {
                    context.annotate(.possibleNonCounter(metricName: metricName, argumentPosition))
                }
                output.append(out)
            }
        }
        if name == "absent_over_time" { return absentOverTime(output, selectorArg: args[matrixIndex]) }
        return output
    }

    /// Timestamps of the native histogram placeholders of each series a range selector reads.
    func placeholderTimes(_ selector: VectorSelector) -> [[Int64]] {
        context.select(selector.matchers).map { series in
            zip(series.timestamps, series.values).compactMap { HistogramPlaceholder.isPlaceholder($1) ? $0 : nil }
        }
    }

    /// A window holding floats and native histograms, as functions.go treats it: rate,
    /// increase, delta, sum_over_time and avg_over_time give no result and a warning; irate
    /// and idelta only when their last two samples mix; the functions that read floats
    /// only add an info. Returns whether the float result stands.
    func mixedWindowAllowsResult(
        _ name: String, _ args: [Expr], _ series: Series, _ floatTimes: ArraySlice<Int64>, _ histogramTimes: [Int64],
        _ windowStart: Int64, _ windowEnd: Int64
    ) -> Bool {
        let lo = lowerBound(histogramTimes, windowStart + 1), hi = lowerBound(histogramTimes, windowEnd + 1)
        guard lo < hi else { return true }
        let metricName = series.labels[LabelName.metricName] ?? ""
        switch name {
        case "rate", "increase", "delta", "sum_over_time", "avg_over_time":
            context.annotate(.mixedFloatsHistograms(metricName: metricName, args[0].positionRange))
            return false
        case "irate", "idelta":
            // The last two samples by time: floats only is a float result, else none.
            let lastTwo = (Array(floatTimes.suffix(2)).map { ($0, false) } + histogramTimes[lo..<hi].suffix(2).map { ($0, true) })
                .sorted { $0.0 < $1.0 }.suffix(2)
            let histograms = lastTwo.filter(\.1).count
            if histograms == 0 { return true }
            if histograms < lastTwo.count {
                context.annotate(.mixedFloatsHistograms(metricName: metricName, args[0].positionRange))
            }
            return false
        case "stddev_over_time", "stdvar_over_time", "mad_over_time", "quantile_over_time", "min_over_time",
             "max_over_time", "ts_of_min_over_time", "ts_of_max_over_time", "deriv", "predict_linear",
             "double_exponential_smoothing":
            context.annotate(.histogramIgnoredInMixedRange(metricName: metricName, args[0].positionRange))
            return true
        default:
            return true
        }
    }

    /// `absent_over_time`: 1 at every step where no series had a sample in its window.
    func absentOverTime(_ present: Matrix, selectorArg: Expr) -> Matrix {
        var found = Set<Int64>()
        for series in present { found.formUnion(series.timestamps) }
        var out = Series(labels: AbsentLabels.labels(for: selectorArg), dropName: true)
        for step in 0..<stepCount where !found.contains(stepTime(step)) { out.append(stepTime(step), 1) }
        return out.isEmpty ? [] : [out]
    }
}

/// The labels `absent()` and `absent_over_time()` give their result: the selector's
/// equality matchers, except `__name__` and labels matched more than once.
enum AbsentLabels {
    static func labels(for expr: Expr) -> Labels {
        let matchers: [Matcher]
        switch expr.unwrappingParens {
        case .vectorSelector(let vs): matchers = vs.matchers
        case .matrixSelector(let ms): matchers = ms.vectorSelector.matchers
        default: return Labels()
        }
        var values: [String: String] = [:]
        var seen = Set<String>()
        for matcher in matchers where matcher.name != LabelName.metricName {
            if matcher.kind == .equal && !seen.contains(matcher.name) {
                values[matcher.name] = matcher.value
                seen.insert(matcher.name)
            } else {
                values[matcher.name] = nil
            }
        }
        return Labels(values)
    }
}
