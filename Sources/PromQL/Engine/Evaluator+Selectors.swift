public import Model

extension Evaluator {
    /// The selector's offset in milliseconds (a duration expression resolved).
    func offset(of selector: VectorSelector) throws -> Int64 {
        if let expr = selector.originalOffsetExpr { return try context.resolve(expr, allowNegative: true) }
        return selector.originalOffset
    }

    /// Instant vector selection: at each step, the newest sample in the lookback window
    /// `(t - 5m, t]` before `(@ or t) - offset`, unless it is a staleness marker.
    /// With `recordTimestamps`, the value is the sample's own time in seconds
    /// (what `timestamp(selector)` reports).
    func evalVectorSelector(_ selector: VectorSelector, recordTimestamps: Bool = false) throws -> Matrix {
        let offset = try offset(of: selector)
        let at = context.atTime(selector.timestamp, selector.startOrEnd)
        let lookback = context.lookbackDelta
        var result: Matrix = []
        for stored in context.select(selector.matchers) {
            try context.checkInterruption()
            var out = Series(labels: stored.labels)
            let ts = stored.timestamps
            var next = 0  // First index with timestamp > reference time.
            for step in 0..<stepCount {
                let stepT = stepTime(step)
                let ref = (at ?? stepT) - offset
                if next > 0 && ts[next - 1] > ref { next = lowerBound(ts, ref &+ 1) }
                while next < ts.count && ts[next] <= ref { next += 1 }
                guard next > 0 else { continue }
                let t = ts[next - 1]
                let v = stored.values[next - 1]
                guard t > ref - lookback, !StaleNaN.isStale(v) else { continue }
                out.append(stepT, recordTimestamps ? Double(t) / 1000 : v)
            }
            if !out.isEmpty { result.append(out) }
        }
        try checkSampleLimit(result)
        return result
    }

    /// The samples of every series matching a range selector, staleness markers removed
    /// (the form range functions read windows from).
    func rangeSource(_ selector: VectorSelector) -> [Series] {
        context.select(selector.matchers).map(Self.withoutStaleMarkers)
    }

    /// Without staleness markers only (native histogram placeholders kept).
    static func withoutStaleMarkersOnly(_ series: Series) -> Series {
        guard series.values.contains(where: StaleNaN.isStale) else { return series }
        var out = Series(labels: series.labels, dropName: series.dropName)
        for (t, v) in zip(series.timestamps, series.values) where !StaleNaN.isStale(v) { out.append(t, v) }
        return out
    }

    /// Also without native histogram placeholders: range functions read floats only.
    static func withoutStaleMarkers(_ series: Series) -> Series {
        let unwanted: (Double) -> Bool = { StaleNaN.isStale($0) || HistogramPlaceholder.isPlaceholder($0) }
        guard series.values.contains(where: unwanted) else { return series }
        var out = Series(labels: series.labels, dropName: series.dropName)
        for (t, v) in zip(series.timestamps, series.values) where !unwanted(v) { out.append(t, v) }
        return out
    }

    /// A range selector evaluated on its own (an instant query of a range vector):
    /// the raw samples in `(ref - range, ref]`.
    func evalMatrixSelectorRaw(_ selector: MatrixSelector) throws -> Matrix {
        let vs = selector.vectorSelector
        let range = try rangeOf(selector)
        let ref = (context.atTime(vs.timestamp, vs.startOrEnd) ?? start) - (try offset(of: vs))
        var result: Matrix = []
        for series in rangeSource(vs) {
            let lo = lowerBound(series.timestamps, ref - range + 1)
            let hi = lowerBound(series.timestamps, ref + 1)
            guard lo < hi else { continue }
            result.append(Series(labels: series.labels, timestamps: Array(series.timestamps[lo..<hi]),
                                 values: Array(series.values[lo..<hi])))
        }
        try checkSampleLimit(result)
        return result
    }

    func rangeOf(_ selector: MatrixSelector) throws -> Int64 {
        if let expr = selector.rangeExpr { return try context.resolve(expr, allowNegative: false) }
        return selector.range
    }

    /// A subquery's result and the offset/`@` its windows are read with.
    struct SubqueryResult {
        var matrix: Matrix
        var offset: Int64
        var at: Int64?
        var range: Int64
    }

    /// Evaluates the inner expression at the subquery's own steps: aligned to multiples
    /// of its step (default: the engine's), strictly after `start - offset - range`, up
    /// to `end - offset` (`subqueryTimeRange` in engine.go).
    func runSubquery(_ subquery: SubqueryExpr) throws -> SubqueryResult {
        let offset = try subquery.originalOffsetExpr.map { try context.resolve($0, allowNegative: true) }
            ?? subquery.originalOffset
        let range = try subquery.rangeExpr.map { try context.resolve($0, allowNegative: false) } ?? subquery.range
        var step = try subquery.stepExpr.map { try context.resolve($0, allowNegative: false) } ?? subquery.step
        if step == 0 { step = context.subqueryDefaultStep }
        let at = context.atTime(subquery.timestamp, subquery.startOrEnd)
        let parentStart = at ?? start
        let parentEnd = at ?? (start + Int64(max(stepCount - 1, 0)) * interval)
        let lowest = parentStart - offset - range
        var subStart = step * (lowest / step)
        if subStart <= lowest { subStart += step }
        let subEnd = parentEnd - offset
        let child = Evaluator(context: context, start: subStart, end: subEnd, interval: step)
        let matrix = subEnd < subStart ? [] : try child.eval(subquery.expr).matrix
        return SubqueryResult(matrix: matrix, offset: offset, at: at, range: range)
    }

    /// Fails like Prometheus when a selection holds more points than allowed.
    func checkSampleLimit(_ matrix: Matrix) throws {
        var total = 0
        for series in matrix { total += series.count }
        if total > context.maxSamples { throw EvaluationError.tooManySamples("query execution") }
    }
}
