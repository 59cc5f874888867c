/// How the evaluator runs each function, by name (Prometheus's `FunctionCalls` map):
/// the kernels live in the files beside this one.
enum FunctionKind {
    /// Reads a range vector window per series and step; nil drops the point.
    case range((RangeWindow, _ scalarArgs: [Double]) -> Double?)
    /// Maps each float of an instant vector (the name is dropped).
    case elementwise((Double) -> Double)
    /// Has its own evaluation path in the evaluator.
    case special
}

enum FunctionTable {
    /// The range-vector functions and where their matrix argument is.
    static func kind(of name: String) -> FunctionKind? {
        if let f = MathFunctions.elementwise[name] { return .elementwise(f) }
        if let f = rangeFunctions[name] { return .range(f) }
        return specialNames.contains(name) ? .special : nil
    }

    static let rangeFunctions: [String: @Sendable (RangeWindow, [Double]) -> Double?] = [
        "rate": { w, _ in RateFunctions.extrapolatedRate(w, isCounter: true, isRate: true) },
        "increase": { w, _ in RateFunctions.extrapolatedRate(w, isCounter: true, isRate: false) },
        "delta": { w, _ in RateFunctions.extrapolatedRate(w, isCounter: false, isRate: false) },
        "irate": { w, _ in RateFunctions.instantValue(w, isRate: true) },
        "idelta": { w, _ in RateFunctions.instantValue(w, isRate: false) },
        "deriv": { w, _ in RateFunctions.deriv(w) },
        "predict_linear": { w, args in RateFunctions.predictLinear(w, duration: args.first ?? .nan) },
        "resets": { w, _ in RateFunctions.resets(w) },
        "changes": { w, _ in RateFunctions.changes(w) },
        "avg_over_time": { w, _ in OverTimeFunctions.avg(w) },
        "sum_over_time": { w, _ in OverTimeFunctions.sum(w) },
        "count_over_time": { w, _ in Double(w.count) },
        "min_over_time": { w, _ in OverTimeFunctions.compare(w, timestamp: false) { $0 < $1 } },
        "max_over_time": { w, _ in OverTimeFunctions.compare(w, timestamp: false) { $0 > $1 } },
        "ts_of_min_over_time": { w, _ in OverTimeFunctions.compare(w, timestamp: true) { $0 <= $1 } },
        "ts_of_max_over_time": { w, _ in OverTimeFunctions.compare(w, timestamp: true) { $0 >= $1 } },
        "ts_of_first_over_time": { w, _ in Double(w.firstT) / 1000 },
        "ts_of_last_over_time": { w, _ in Double(w.lastT) / 1000 },
        "first_over_time": { w, _ in w.firstV },
        "last_over_time": { w, _ in w.lastV },
        "present_over_time": { _, _ in 1 },
        // Evaluated like present_over_time, then inverted over the steps by the evaluator.
        "absent_over_time": { _, _ in 1 },
        "stddev_over_time": { w, _ in OverTimeFunctions.variance(w).squareRoot() },
        "stdvar_over_time": { w, _ in OverTimeFunctions.variance(w) },
        "quantile_over_time": { w, args in OverTimeFunctions.quantile(args.first ?? .nan, w) },
        "mad_over_time": { w, _ in OverTimeFunctions.mad(w) },
        "double_exponential_smoothing": { w, args in
            OverTimeFunctions.doubleExponentialSmoothing(w, smoothing: args[0], trend: args[1])
        },
    ]

    static let specialNames: Set<String> = [
        "absent", "clamp", "clamp_min", "clamp_max", "round", "scalar", "vector",
        "time", "timestamp", "sort", "sort_desc", "sort_by_label", "sort_by_label_desc", "label_replace",
        "label_join", "histogram_quantile", "histogram_quantiles", "histogram_fraction", "day_of_month", "day_of_week",
        "day_of_year", "days_in_month", "hour", "minute", "month", "year", "pi", "start", "end", "step",
        "range", "min_of", "max_of",
    ]

    /// Functions that keep the metric name (Prometheus drops it for all other range functions).
    static let keepsName: Set<String> = ["last_over_time", "first_over_time"]
}
