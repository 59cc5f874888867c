public import Model

extension Evaluator {
    /// Running state of one output group at one step (`groupedAggregation`).
    struct GroupState {
        var seen = false
        var value = 0.0
        var mean = 0.0
        var kahanC = 0.0
        var count = 0.0
        var incrementalMean = false
        var values: [Double] = []
        /// A native histogram (placeholder) was aggregated at this step (sum, avg).
        var histogramSeen = false
    }

    func evalAggregate(_ agg: AggregateExpr) throws -> Matrix {
        let grouping = agg.grouping.sorted()
        if agg.op == .countValues { return try countValues(agg, grouping: grouping) }
        let params = try agg.param.map { try scalarValues($0) }
        let input = try evalKeepingHistograms(agg.expr).matrix
        switch agg.op {
        case .topk, .bottomk, .limitk:
            return try aggregateK(agg, grouping: grouping, input: input, params: params ?? [])
        case .limitRatio:
            return try limitRatio(agg, grouping: grouping, input: input, params: params ?? [])
        case .quantile:
            // Checked over every step at once, as rangeEvalAgg does: one warning per bad value.
            let position = agg.param?.unwrappingParens.positionRange ?? agg.positionRange
            if let params {
                if params.contains(where: \.isNaN) { context.annotate(.invalidQuantile(.nan, position)) }
                if let high = params.max(), high > 1 { context.annotate(.invalidQuantile(high, position)) }
                if let low = params.min(), low < 0 { context.annotate(.invalidQuantile(low, position)) }
            }
        default:
            break
        }
        // Group membership is fixed for the whole query: compute it once per series.
        let (groupOf, keys) = groupKeys(of: input, grouping: grouping, without: agg.without)
        var output: Matrix = keys.map { Series(labels: $0) }
        for (si, series) in input.enumerated() where series.dropName { output[groupOf[si]].dropName = true }
        var states = [GroupState](repeating: GroupState(), count: output.count)
        var cursors = [Int](repeating: 0, count: input.count)
        for step in 0..<stepCount {
            try context.checkInterruption()
            let ts = stepTime(step)
            for g in states.indices {
                states[g].seen = false
                states[g].histogramSeen = false
            }
            for si in input.indices {
                let c = cursors[si]
                guard c < input[si].timestamps.count, input[si].timestamps[c] == ts else { continue }
                cursors[si] = c + 1
                let value = input[si].values[c]
                if context.histogramPlaceholders && HistogramPlaceholder.isPlaceholder(value)
                    && !aggregateHistogram(agg, &states[groupOf[si]]) { continue }
                accumulate(agg.op, &states[groupOf[si]], value)
            }
            for g in states.indices where states[g].seen || states[g].histogramSeen {
                if states[g].histogramSeen {
                    // Histograms sum to a histogram; mixed with floats there is no result.
                    if states[g].seen {
                        context.annotate(.mixedFloatsHistogramsAggregation(agg.expr.unwrappingParens.positionRange))
                    } else {
                        output[g].append(ts, HistogramPlaceholder.value)
                    }
                    continue
                }
                output[g].append(ts, finish(agg.op, states[g], param: params?[step] ?? .nan))
            }
        }
        return output.filter { !$0.isEmpty }
    }

    /// A native histogram (placeholder) in an aggregation, as `aggregation()` in engine.go
    /// treats it: returns true when it is aggregated like a float (count, group), false
    /// when handled here: remembered for sum/avg, ignored with an info by the others.
    func aggregateHistogram(_ agg: AggregateExpr, _ group: inout GroupState) -> Bool {
        switch agg.op {
        case .count, .group:
            return true
        case .sum, .avg:
            group.histogramSeen = true
        default:
            context.annotate(.histogramIgnoredInAggregation(agg.op.rawValue, agg.expr.unwrappingParens.positionRange))
        }
        return false
    }

    /// Each series' group, numbered in order of first appearance, and each group's labels.
    func groupKeys(of input: Matrix, grouping: [String], without: Bool) -> (groupOf: [Int], keys: [Labels]) {
        var index: [Labels: Int] = [:]
        var keys: [Labels] = []
        let groupOf = input.map { series in
            let key = groupingLabels(series.labels, grouping: grouping, without: without)
            if let g = index[key] { return g }
            index[key] = keys.count
            keys.append(key)
            return keys.count - 1
        }
        return (groupOf, keys)
    }

    /// The labels of a sample's group: only the `by` labels, or all but the `without`
    /// labels and `__name__`.
    func groupingLabels(_ labels: Labels, grouping: [String], without: Bool) -> Labels {
        if without { return labels.removing(Set(grouping + [LabelName.metricName])) }
        if grouping.isEmpty { return Labels() }
        return labels.keeping(Set(grouping))
    }

    func accumulate(_ op: AggregationOp, _ group: inout GroupState, _ f: Double) {
        if !group.seen {
            group = GroupState(seen: true, value: f, mean: f, kahanC: 0, count: 1)
            switch op {
            case .stddev, .stdvar: group.value = (f.isNaN || f.isInfinite) ? .nan : 0
            case .quantile: group.values = [f]
            case .group: group.value = 1
            default: break
            }
            return
        }
        switch op {
        case .sum:
            (group.value, group.kahanC) = kahanInc(f, group.value, group.kahanC)
        case .avg:
            group.count += 1
            if !group.incrementalMean {
                let (newV, newC) = kahanInc(f, group.value, group.kahanC)
                if !newV.isInfinite {
                    group.value = newV
                    group.kahanC = newC
                    return
                }
                group.incrementalMean = true
                group.mean = group.value / (group.count - 1)
                group.kahanC /= group.count - 1
            }
            let q = (group.count - 1) / group.count
            (group.mean, group.kahanC) = kahanInc(f / group.count, q * group.mean, q * group.kahanC)
        case .max:
            if group.value < f || group.value.isNaN { group.value = f }
        case .min:
            if group.value > f || group.value.isNaN { group.value = f }
        case .count:
            group.count += 1
        case .stddev, .stdvar:
            group.count += 1
            let delta = f - group.mean
            group.mean += delta / group.count
            group.value += delta * (f - group.mean)
        case .quantile:
            group.values.append(f)
        default:
            break
        }
    }

    func finish(_ op: AggregationOp, _ group: GroupState, param: Double) -> Double {
        switch op {
        case .avg:
            if group.incrementalMean { return group.mean + group.kahanC }
            return group.value / group.count + group.kahanC / group.count
        case .sum: return group.value + group.kahanC
        case .count: return group.count
        case .stdvar: return group.value / group.count
        case .stddev: return (group.value / group.count).squareRoot()
        case .quantile: return Quantile.of(param, group.values)
        default: return group.value
        }
    }

    /// `count_values("label", v)`: per step, how many samples have each value.
    func countValues(_ agg: AggregateExpr, grouping: [String]) throws -> Matrix {
        let valueLabel = agg.param.map(stringArgument) ?? ""
        guard LabelFunctions.isValidLabelName(valueLabel) else {
            throw EvaluationError.execution("invalid label name \(GoQuote.quote(valueLabel))")
        }
        var groupingWithValue = grouping
        if !agg.without { groupingWithValue = (grouping + [valueLabel]).sorted() }
        return try rangeEval([try eval(agg.expr).matrix]) { _, ts, inputs in
            var index: [Labels: Int] = [:]
            var out: Vector = []
            for sample in inputs[0].vector {
                let metric = sample.labels.setting(valueLabel, to: PromFloat.format(sample.value))
                let key = self.groupingLabels(metric, grouping: groupingWithValue, without: agg.without)
                if let i = index[key] {
                    out[i].value += 1
                } else {
                    index[key] = out.count
                    out.append(Sample(labels: key, timestamp: ts, value: 1))
                }
            }
            return out
        }
    }
}
