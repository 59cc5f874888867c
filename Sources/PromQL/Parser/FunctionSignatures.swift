/// A PromQL function's type signature, as Prometheus's `parser.Function`: the parser
/// type-checks calls against it; the engine looks implementations up by `name`.
public struct FunctionSignature: Sendable, Hashable {
    /// The name as written in queries (`rate`, `label_replace`).
    public let name: String
    /// Types of the fixed arguments, in order.
    public let argumentTypes: [ValueType]
    /// 0: exactly `argumentTypes.count` arguments. N > 0: the last argument type may be
    /// left out or repeated up to N more times in total beyond `argumentTypes.count - 1`
    /// (so between `count - 1` and `count - 1 + N` arguments). -1: unlimited repetitions
    /// of the last type (at least `count - 1` arguments).
    public let variadic: Int
    /// The type of the call's result.
    public let returnType: ValueType
    /// Whether Prometheus hides the function behind `--enable-feature=promql-experimental-functions`.
    public let isExperimental: Bool

    public init(name: String, argumentTypes: [ValueType], variadic: Int, returnType: ValueType, isExperimental: Bool) {
        self.name = name
        self.argumentTypes = argumentTypes
        self.variadic = variadic
        self.returnType = returnType
        self.isExperimental = isExperimental
    }

    /// Every function of Prometheus 3.14 (`promql/parser/functions.go`), by name.
    public static let all: [String: FunctionSignature] = Dictionary(
        uniqueKeysWithValues: table.map { ($0.name, $0) })

    /// The signature of `name`, or nil for an unknown function.
    public static func named(_ name: String) -> FunctionSignature? { all[name] }

    /// Functions whose result depends on the evaluation time itself, so the upstream test
    /// runner does not cross-check them with `@` (`promqltest.AtModifierUnsafeFunctions`).
    public static let atModifierUnsafe: Set<String> = [
        "days_in_month", "day_of_month", "day_of_week", "day_of_year", "hour", "minute",
        "month", "year", "predict_linear", "time", "timestamp", "start", "end", "range", "step",
    ]

    private static let table: [FunctionSignature] = [
        FunctionSignature(name: "abs", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "absent", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "absent_over_time", argumentTypes: [.matrix], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "acos", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "acosh", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "asin", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "asinh", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "atan", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "atanh", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "avg_over_time", argumentTypes: [.matrix], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "ceil", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "changes", argumentTypes: [.matrix], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "clamp", argumentTypes: [.vector, .scalar, .scalar], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "clamp_max", argumentTypes: [.vector, .scalar], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "clamp_min", argumentTypes: [.vector, .scalar], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "cos", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "cosh", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "count_over_time", argumentTypes: [.matrix], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "days_in_month", argumentTypes: [.vector], variadic: 1, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "day_of_month", argumentTypes: [.vector], variadic: 1, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "day_of_week", argumentTypes: [.vector], variadic: 1, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "day_of_year", argumentTypes: [.vector], variadic: 1, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "deg", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "end", argumentTypes: [], variadic: 0, returnType: .scalar, isExperimental: true),
        FunctionSignature(name: "delta", argumentTypes: [.matrix], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "deriv", argumentTypes: [.matrix], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "exp", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "first_over_time", argumentTypes: [.matrix], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "floor", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "histogram_avg", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "histogram_count", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "histogram_sum", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "histogram_stddev", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "histogram_stdvar", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "histogram_fraction", argumentTypes: [.scalar, .scalar, .vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "histogram_quantile", argumentTypes: [.scalar, .vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "histogram_quantiles", argumentTypes: [.vector, .string, .scalar, .scalar], variadic: 9, returnType: .vector, isExperimental: true),
        FunctionSignature(name: "double_exponential_smoothing", argumentTypes: [.matrix, .scalar, .scalar], variadic: 0, returnType: .vector, isExperimental: true),
        FunctionSignature(name: "hour", argumentTypes: [.vector], variadic: 1, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "idelta", argumentTypes: [.matrix], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "increase", argumentTypes: [.matrix], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "info", argumentTypes: [.vector, .vector], variadic: 1, returnType: .vector, isExperimental: true),
        FunctionSignature(name: "irate", argumentTypes: [.matrix], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "label_replace", argumentTypes: [.vector, .string, .string, .string, .string], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "label_join", argumentTypes: [.vector, .string, .string, .string], variadic: -1, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "max_of", argumentTypes: [.scalar, .scalar], variadic: 0, returnType: .scalar, isExperimental: true),
        FunctionSignature(name: "last_over_time", argumentTypes: [.matrix], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "min_of", argumentTypes: [.scalar, .scalar], variadic: 0, returnType: .scalar, isExperimental: true),
        FunctionSignature(name: "ln", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "log10", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "log2", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "mad_over_time", argumentTypes: [.matrix], variadic: 0, returnType: .vector, isExperimental: true),
        FunctionSignature(name: "max_over_time", argumentTypes: [.matrix], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "min_over_time", argumentTypes: [.matrix], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "ts_of_first_over_time", argumentTypes: [.matrix], variadic: 0, returnType: .vector, isExperimental: true),
        FunctionSignature(name: "ts_of_max_over_time", argumentTypes: [.matrix], variadic: 0, returnType: .vector, isExperimental: true),
        FunctionSignature(name: "ts_of_min_over_time", argumentTypes: [.matrix], variadic: 0, returnType: .vector, isExperimental: true),
        FunctionSignature(name: "ts_of_last_over_time", argumentTypes: [.matrix], variadic: 0, returnType: .vector, isExperimental: true),
        FunctionSignature(name: "minute", argumentTypes: [.vector], variadic: 1, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "month", argumentTypes: [.vector], variadic: 1, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "pi", argumentTypes: [], variadic: 0, returnType: .scalar, isExperimental: false),
        FunctionSignature(name: "predict_linear", argumentTypes: [.matrix, .scalar], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "present_over_time", argumentTypes: [.matrix], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "quantile_over_time", argumentTypes: [.scalar, .matrix], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "rad", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "range", argumentTypes: [], variadic: 0, returnType: .scalar, isExperimental: true),
        FunctionSignature(name: "rate", argumentTypes: [.matrix], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "resets", argumentTypes: [.matrix], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "round", argumentTypes: [.vector, .scalar], variadic: 1, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "scalar", argumentTypes: [.vector], variadic: 0, returnType: .scalar, isExperimental: false),
        FunctionSignature(name: "sgn", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "sin", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "sinh", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "sort", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "sort_desc", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "sort_by_label", argumentTypes: [.vector, .string], variadic: -1, returnType: .vector, isExperimental: true),
        FunctionSignature(name: "sort_by_label_desc", argumentTypes: [.vector, .string], variadic: -1, returnType: .vector, isExperimental: true),
        FunctionSignature(name: "sqrt", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "start", argumentTypes: [], variadic: 0, returnType: .scalar, isExperimental: true),
        FunctionSignature(name: "start_timestamp", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: true),
        FunctionSignature(name: "step", argumentTypes: [], variadic: 0, returnType: .scalar, isExperimental: true),
        FunctionSignature(name: "stddev_over_time", argumentTypes: [.matrix], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "stdvar_over_time", argumentTypes: [.matrix], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "sum_over_time", argumentTypes: [.matrix], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "tan", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "tanh", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "time", argumentTypes: [], variadic: 0, returnType: .scalar, isExperimental: false),
        FunctionSignature(name: "timestamp", argumentTypes: [.vector], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "vector", argumentTypes: [.scalar], variadic: 0, returnType: .vector, isExperimental: false),
        FunctionSignature(name: "year", argumentTypes: [.vector], variadic: 1, returnType: .vector, isExperimental: false),
    ]
}
