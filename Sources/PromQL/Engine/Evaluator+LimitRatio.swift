import Model

extension Evaluator {
    /// `limit_ratio(r, v)`: per group and step, the samples whose label hash falls in the
    /// first `r` of [0, 1) (or, for negative `r`, the last `-r`), so `limit_ratio(r, v)`
    /// and `limit_ratio(-(1-r), v)` split `v` in two (`HashRatioSampler` in engine.go).
    func limitRatio(_ agg: AggregateExpr, grouping: [String], input: Matrix, params: [Double]) throws -> Matrix {
        if params.allSatisfy({ $0 == 0 }) { return [] }
        if params.contains(where: \.isNaN) { throw EvaluationError.execution("Ratio value is NaN") }
        let position = agg.param?.unwrappingParens.positionRange ?? agg.positionRange
        if let high = params.max(), high > 1 { context.annotate(.invalidRatio(high, cappedTo: 1, position)) }
        if let low = params.min(), low < -1 { context.annotate(.invalidRatio(low, cappedTo: -1, position)) }
        let (groupOf, groupLabels) = groupKeys(of: input, grouping: grouping, without: agg.without)
        // The offset depends on the labels only: compute it once per series.
        let offsets = input.map { Double(XXHash64.hash($0.labels)) / Double(UInt64.max) }
        var output: Matrix = []
        var outputIndex: [Labels: Int] = [:]
        var cursors = [Int](repeating: 0, count: input.count)
        for step in 0..<stepCount {
            try context.checkInterruption()
            let ts = stepTime(step)
            let ratio = min(max(params[step], -1), 1)
            var heaps = [[(Int, Double)]?](repeating: nil, count: groupLabels.count)
            for si in input.indices {
                let c = cursors[si]
                guard c < input[si].timestamps.count, input[si].timestamps[c] == ts else { continue }
                cursors[si] = c + 1
                guard ratio != 0 else { continue }
                let keep = ratio >= 0 ? offsets[si] < ratio : offsets[si] >= 1 + ratio
                var heap = heaps[groupOf[si]] ?? []
                if keep {
                    // Go pushes onto a value heap; its order is the output order.
                    GoHeap.push(&heap, (si, input[si].values[c])) { a, b in a.1.isNaN || a.1 < b.1 }
                }
                heaps[groupOf[si]] = heap
            }
            for heap in heaps {
                for (si, value) in heap ?? [] {
                    let labels = input[si].labels
                    if let o = outputIndex[labels] {
                        output[o].append(ts, value)
                    } else {
                        outputIndex[labels] = output.count
                        output.append(Series(labels: labels, timestamps: [ts], values: [value], dropName: input[si].dropName))
                    }
                }
            }
        }
        return output
    }
}
