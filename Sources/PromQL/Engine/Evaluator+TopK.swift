public import Model

extension Evaluator {
    /// `topk`, `bottomk`, `limitk`: per group and step, k whole input samples (labels
    /// kept). Selection runs through a heap exactly as Go's `container/heap` in
    /// `aggregationK`, so ties are broken the same way.
    func aggregateK(_ agg: AggregateExpr, grouping: [String], input: Matrix, params: [Double]) throws -> Matrix {
        let maxParam = params.max() ?? 0
        if params.isEmpty || maxParam < 1 { return [] }
        if params.contains(where: \.isNaN) { throw EvaluationError.execution("Parameter value is NaN") }
        if let low = params.min(), low <= -9.223372036854775807e18 {
            throw EvaluationError.execution("Scalar value \(PromFloat.goV(low)) underflows int64")
        }
        if maxParam >= 9.223372036854775807e18 {
            throw EvaluationError.execution("Scalar value \(PromFloat.goV(maxParam)) overflows int64")
        }
        let (groupOf, groupLabels) = groupKeys(of: input, grouping: grouping, without: agg.without)
        // less(a, b) of the heap: topk keeps a min-heap, bottomk a max-heap; NaN sorts first.
        let isTop = agg.op == .topk
        func less(_ a: Double, _ b: Double) -> Bool {
            if a.isNaN { return true }
            return isTop ? a < b : a > b
        }
        var output: Matrix = []
        var outputIndex: [Labels: Int] = [:]
        var cursors = [Int](repeating: 0, count: input.count)
        for step in 0..<stepCount {
            let ts = stepTime(step)
            let k = Int(min(Int64(params[step]), Int64(input.count)))
            var heaps = [[Int]?](repeating: nil, count: groupLabels.count)  // Series indices.
            var valueOf: [Int: Double] = [:]
            for si in input.indices {
                let c = cursors[si]
                guard c < input[si].timestamps.count, input[si].timestamps[c] == ts else { continue }
                cursors[si] = c + 1
                guard k >= 1 else { continue }
                let f = input[si].values[c]
                if agg.op != .limitk && context.histogramPlaceholders && HistogramPlaceholder.isPlaceholder(f) {
                    context.annotate(.histogramIgnoredInAggregation(agg.op.rawValue, agg.positionRange))
                    continue
                }
                valueOf[si] = f
                let g = groupOf[si]
                var heap = heaps[g] ?? []
                switch agg.op {
                case .limitk:
                    if heap.count < k { heap.append(si) }
                default:
                    if heap.count < k {
                        GoHeap.push(&heap, si) { less(valueOf[$0]!, valueOf[$1]!) }
                    } else if let top = heap.first, let topValue = valueOf[top],
                              (isTop ? topValue < f : topValue > f) || (topValue.isNaN && !f.isNaN) {
                        heap[0] = si
                        if k > 1 { GoHeap.fix(&heap, 0) { less(valueOf[$0]!, valueOf[$1]!) } }
                    }
                }
                heaps[g] = heap
            }
            for heap in heaps {
                guard var heap else { continue }
                if agg.op != .limitk {
                    // sort.Reverse of the heap's order: best first, NaN last.
                    heap = GoHeap.insertionSorted(heap) { less(valueOf[$1]!, valueOf[$0]!) }
                }
                for si in heap {
                    let labels = input[si].labels
                    if let o = outputIndex[labels] {
                        output[o].append(ts, valueOf[si]!)
                    } else {
                        outputIndex[labels] = output.count
                        output.append(Series(labels: labels, timestamps: [ts], values: [valueOf[si]!],
                                             dropName: input[si].dropName))
                    }
                }
            }
        }
        return output
    }
}

/// Go's `container/heap` (`up`/`down`) and the insertion sort `sort.Sort` uses on short
/// slices, so that equal values are picked and ordered as Prometheus picks them.
enum GoHeap {
    static func push<T>(_ h: inout [T], _ x: T, less: (T, T) -> Bool) {
        h.append(x)
        up(&h, h.count - 1, less: less)
    }

    static func fix<T>(_ h: inout [T], _ i: Int, less: (T, T) -> Bool) {
        if !down(&h, i, h.count, less: less) { up(&h, i, less: less) }
    }

    static func up<T>(_ h: inout [T], _ j0: Int, less: (T, T) -> Bool) {
        var j = j0
        while true {
            let i = (j - 1) / 2
            if i == j || j <= 0 || !less(h[j], h[i]) { break }
            h.swapAt(i, j)
            j = i
        }
    }

    @discardableResult
    static func down<T>(_ h: inout [T], _ i0: Int, _ n: Int, less: (T, T) -> Bool) -> Bool {
        var i = i0
        while true {
            let j1 = 2 * i + 1
            if j1 >= n || j1 < 0 { break }
            var j = j1
            let j2 = j1 + 1
            if j2 < n && less(h[j2], h[j1]) { j = j2 }
            if !less(h[j], h[i]) { break }
            h.swapAt(i, j)
            i = j
        }
        return i > i0
    }

    /// Stable insertion sort (what Go's pdqsort does below 12 elements).
    static func insertionSorted<T>(_ a: [T], less: (T, T) -> Bool) -> [T] {
        var a = a
        guard a.count > 1 else { return a }
        for i in 1..<a.count {
            var j = i
            while j > 0 && less(a[j], a[j - 1]) {
                a.swapAt(j, j - 1)
                j -= 1
            }
        }
        return a
    }
}
