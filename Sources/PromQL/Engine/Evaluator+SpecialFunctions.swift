public import Model

extension Evaluator {
    func evalSpecialFunction(name: String, args: [Expr], call: Call) throws -> Matrix {
        switch name {
        case "time": return timeSeries { Double($0) / 1000 }
        case "pi": return constantSeries(Double.pi)
        case "start": return constantSeries(Double(context.queryStart) / 1000)
        case "end": return constantSeries(Double(context.queryEnd) / 1000)
        case "step": return constantSeries(Double(context.queryStep) / 1000)
        case "range": return constantSeries(Double(context.queryEnd - context.queryStart) / 1000)
        case "min_of", "max_of":
            let a = try scalarValues(args[0]), b = try scalarValues(args[1])
            return timeSeries { t in
                let i = Int((t - self.start) / self.interval)
                return name == "min_of" ? MathFunctions.goMin(a[i], b[i]) : MathFunctions.goMax(a[i], b[i])
            }
        case "vector":
            return try rangeEval([try eval(args[0]).matrix]) { _, ts, inputs in
                inputs[0].vector.map { Sample(labels: Labels(), timestamp: ts, value: $0.value) }
            }
        case "scalar":
            let values = try rangeEval([try eval(args[0]).matrix]) { _, ts, inputs in
                let v = inputs[0].vector
                return [Sample(labels: Labels(), timestamp: ts, value: v.count == 1 ? v[0].value : .nan)]
            }
            return values
        case "absent":
            let labels = AbsentLabels.labels(for: args[0])
            // A native histogram is a sample too.
            return try rangeEval([try evalKeepingHistograms(args[0]).matrix]) { _, ts, inputs in
                inputs[0].vector.isEmpty ? [Sample(labels: labels, timestamp: ts, value: 1)] : []
            }
        case "clamp", "clamp_min", "clamp_max":
            let input = try eval(args[0]).matrix
            let first = try scalarValues(args[1])
            let second = name == "clamp" ? try scalarValues(args[2]) : []
            return try rangeEval([input]) { step, _, inputs in
                let (lo, hi): (Double, Double) = switch name {
                case "clamp": (first[step], second[step])
                case "clamp_min": (first[step], .infinity)
                default: (-.infinity, first[step])
                }
                if hi < lo { return [] }
                return inputs[0].vector.map {
                    Sample(labels: $0.labels, timestamp: $0.timestamp, value: MathFunctions.goMax(lo, MathFunctions.goMin(hi, $0.value)), dropName: true)
                }
            }
        case "round":
            let input = try eval(args[0]).matrix
            let nearest = args.count > 1 ? try scalarValues(args[1]) : [Double](repeating: 1, count: stepCount)
            return try rangeEval([input]) { step, _, inputs in
                inputs[0].vector.map {
                    Sample(labels: $0.labels, timestamp: $0.timestamp,
                           value: MathFunctions.round($0.value, toNearest: nearest[step]), dropName: true)
                }
            }
        case "timestamp":
            if case .vectorSelector(let vs) = args[0] {
                var matrix = try evalVectorSelector(vs, recordTimestamps: true)
                for i in matrix.indices { matrix[i].dropName = true }
                return matrix
            }
            return try rangeEval([try eval(args[0]).matrix]) { _, ts, inputs in
                inputs[0].vector.map { Sample(labels: $0.labels, timestamp: ts, value: Double(ts) / 1000, dropName: true) }
            }
        case "sort", "sort_desc", "sort_by_label", "sort_by_label_desc":
            let labelNames = args.dropFirst().compactMap { arg -> String? in
                if case .stringLiteral(let s) = arg { return s.value }
                return nil
            }
            return try rangeEval([try eval(args[0]).matrix]) { _, _, inputs in
                Sorting.sort(inputs[0].vector, function: name, labelNames: labelNames)
            }
        case "label_replace": return try labelReplace(args)
        case "label_join": return try labelJoin(args)
        case "histogram_quantile": return try histogramQuantile(args)
        case "histogram_quantiles": return try histogramQuantiles(args)
        case "histogram_fraction": return try histogramFraction(args)
        case "day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year":
            guard let field = DateField(rawValue: name) else { return [] }
            if args.isEmpty {
                return timeSeries { field.value(forUnixSeconds: Double($0 / 1000)) }
            }
            return try rangeEval([try eval(args[0]).matrix]) { _, _, inputs in
                inputs[0].vector.map {
                    Sample(labels: $0.labels, timestamp: $0.timestamp, value: field.value(forUnixSeconds: $0.value), dropName: true)
                }
            }
        default:
            throw EvaluationError.execution("function \"\(name)\" is not supported by binwatch")
        }
    }

    /// One unlabeled series whose value at each step is `f(step time)`.
    func timeSeries(_ f: (Int64) -> Double) -> Matrix {
        var series = Series(labels: Labels())
        for i in 0..<stepCount { series.append(stepTime(i), f(stepTime(i))) }
        return [series]
    }

    /// `mergeSeriesWithSameLabelset`: series that became identical after a label
    /// function are merged, unless two of them have a point at the same time.
    func mergeSeriesWithSameLabelset(_ matrix: Matrix) throws -> Matrix {
        guard matrix.count > 1 else { return matrix }
        var indexByLabels: [Labels: Int] = [:]
        var merged: Matrix = []
        for series in matrix {
            guard let index = indexByLabels[series.labels] else {
                indexByLabels[series.labels] = merged.count
                merged.append(series)
                continue
            }
            var points = zip(merged[index].timestamps, merged[index].values).map { ($0, $1) }
            points.append(contentsOf: zip(series.timestamps, series.values).map { ($0, $1) })
            points.sort { $0.0 < $1.0 }
            for i in points.indices.dropFirst() where points[i].0 == points[i - 1].0 {
                throw EvaluationError.execution(Messages.duplicateLabelset)
            }
            merged[index].timestamps = points.map(\.0)
            merged[index].values = points.map(\.1)
        }
        return merged
    }
}
