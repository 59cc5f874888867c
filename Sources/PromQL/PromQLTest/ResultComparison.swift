public import Model

/// `compareResult` of promqltest: what a result must look like to match an `eval`'s
/// expectations. Returns a description of the first difference, or nil.
enum ResultComparison {
    static let epsilon = 1e-6

    static func compare(_ value: Value, _ eval: EvalCommand, ignoreOrder: Bool) -> String? {
        switch value {
        case .string(let s):
            guard let expected = eval.expectedString else { return "unexpected string result \"\(s.value)\"" }
            return expected == s.value ? nil : "expected string \"\(expected)\" but got \"\(s.value)\""
        case .scalar(let s):
            guard let expected = eval.expectedScalar else {
                return "expected vector or matrix result, but got scalar \(PromFloat.format(s.value))"
            }
            return almostEqual(expected, s.value, epsilon: epsilon) ? nil
                : "expected scalar \(PromFloat.format(expected)) but got \(PromFloat.format(s.value))"
        case .vector(let vector):
            return compareVector(vector, eval, ignoreOrder: ignoreOrder)
        case .matrix(let matrix):
            return compareMatrix(matrix, eval)
        }
    }

    static func compareVector(_ vector: Vector, _ eval: EvalCommand, ignoreOrder: Bool) -> String? {
        if eval.expectedScalar != nil { return "expected scalar result, but got a vector" }
        var expected: [Labels: (position: Int, value: SeriesValue)] = [:]
        for (i, series) in eval.expectedSeries.enumerated() {
            expected[series.labels] = (i, series.values.first ?? .omitted)
        }
        var seen = Set<Labels>()
        for (position, sample) in vector.enumerated() {
            guard let (wantedPosition, wanted) = expected[sample.labels] else {
                return "unexpected metric \(PromLabelsFormat.string(sample.labels)) in result, has value \(PromFloat.format(sample.value))"
            }
            if eval.ordered && !ignoreOrder && wantedPosition != position {
                return "expected metric \(PromLabelsFormat.string(sample.labels)) at position \(wantedPosition + 1) but was at \(position + 1)"
            }
            guard case .value(let v) = wanted, almostEqual(v, sample.value, epsilon: epsilon) else {
                return "expected \(describe(wanted)) for \(PromLabelsFormat.string(sample.labels)) but got \(PromFloat.format(sample.value))"
            }
            seen.insert(sample.labels)
        }
        for series in eval.expectedSeries where !seen.contains(series.labels) {
            return "expected metric \(PromLabelsFormat.string(series.labels)) not found"
        }
        return nil
    }

    static func compareMatrix(_ matrix: Matrix, _ eval: EvalCommand) -> String? {
        if eval.ordered { return "expected ordered result, but query returned a matrix" }
        if eval.expectedScalar != nil { return "expected scalar result, but got matrix" }
        for (a, b) in zip(matrix, matrix.dropFirst()) where !(a.labels < b.labels) {
            return "matrix results should always be sorted"
        }
        let (start, end, step): (Int64, Int64, Int64)
        switch (eval.kind, eval.expectedRangeVector) {
        case (_, .some(let range)): (start, end, step) = (range.start, range.end, range.step)
        case (.range(let s, let e, let st), nil): (start, end, step) = (s, e, st)
        case (.instant(let at), nil): (start, end, step) = (at, at, 0)
        }
        var expected: [Labels: [SeriesValue]] = [:]
        for series in eval.expectedSeries { expected[series.labels] = series.values }
        var seen = Set<Labels>()
        for series in matrix {
            guard let values = expected[series.labels] else {
                return "unexpected metric \(PromLabelsFormat.string(series.labels)) in result"
            }
            seen.insert(series.labels)
            var points: [(Int64, Double)] = []
            for (i, value) in values.enumerated() {
                let t = start + Int64(i) * step
                if t > end || (step == 0 && i > 0) {
                    return "expected \(values.count) points for \(PromLabelsFormat.string(series.labels)), but query time range cannot return this many points"
                }
                switch value {
                case .value(let v): points.append((t, v))
                case .stale: points.append((t, StaleNaN.value))
                case .omitted: continue
                }
            }
            guard points.count == series.count else {
                return "expected \(points.count) float points for \(PromLabelsFormat.string(series.labels)), but got \(series.count)"
            }
            for (i, point) in points.enumerated() {
                if point.0 != series.timestamps[i] {
                    return "expected point \(i) of \(PromLabelsFormat.string(series.labels)) at \(point.0) but it is at \(series.timestamps[i])"
                }
                if !almostEqual(series.values[i], point.1, epsilon: epsilon) {
                    return "expected \(PromFloat.format(point.1)) at t=\(point.0) for \(PromLabelsFormat.string(series.labels)) but got \(PromFloat.format(series.values[i]))"
                }
            }
        }
        for series in eval.expectedSeries where !seen.contains(series.labels) {
            return "expected metric \(PromLabelsFormat.string(series.labels)) not found"
        }
        return nil
    }

    static func describe(_ value: SeriesValue) -> String {
        switch value {
        case .value(let v): PromFloat.format(v)
        case .stale: "stale"
        case .omitted: "_"
        }
    }
}
