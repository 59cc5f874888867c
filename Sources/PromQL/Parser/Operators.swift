/// A binary operator, spelled as in PromQL.
public enum BinaryOp: String, Sendable, Hashable, CaseIterable {
    case add = "+"
    case sub = "-"
    case mul = "*"
    case div = "/"
    case mod = "%"
    case pow = "^"
    case atan2 = "atan2"
    case eql = "=="
    case neq = "!="
    case gtr = ">"
    case lss = "<"
    case gte = ">="
    case lte = "<="
    case and = "and"
    case or = "or"
    case unless = "unless"
    /// Native-histogram bucket trimming `</` (experimental in Prometheus; histograms only).
    case trimUpper = "</"
    /// Native-histogram bucket trimming `>/` (experimental in Prometheus; histograms only).
    case trimLower = ">/"

    /// `==`, `!=`, `>`, `<`, `>=`, `<=`: the operators `bool` may modify.
    public var isComparison: Bool {
        switch self {
        case .eql, .neq, .gtr, .lss, .gte, .lte: true
        default: false
        }
    }

    /// `and`, `or`, `unless`: vector-only, many-to-many.
    public var isSetOperator: Bool { self == .and || self == .or || self == .unless }

    /// Binding strength, higher binds tighter (Prometheus's yacc `%left`/`%right` order).
    public var precedence: Int {
        switch self {
        case .or: 1
        case .and, .unless: 2
        case .eql, .neq, .gtr, .lss, .gte, .lte, .trimUpper, .trimLower: 3
        case .add, .sub: 4
        case .mul, .div, .mod, .atan2: 5
        case .pow: 6
        }
    }

    /// Only `^` associates to the right.
    public var isRightAssociative: Bool { self == .pow }
}

/// A unary operator: `-` or `+`.
public enum UnaryOp: String, Sendable, Hashable, CaseIterable {
    case minus = "-"
    case plus = "+"
}

/// An aggregation operator, spelled as in PromQL.
public enum AggregationOp: String, Sendable, Hashable, CaseIterable {
    case sum, avg, count, min, max, group, stddev, stdvar, topk, bottomk
    case countValues = "count_values"
    case quantile
    /// Experimental in Prometheus 3.x (`--enable-feature=promql-experimental-functions`).
    case limitk
    /// Experimental in Prometheus 3.x (`--enable-feature=promql-experimental-functions`).
    case limitRatio = "limit_ratio"

    /// Whether the operator takes a parameter before the vector (`topk(3, x)`).
    public var takesParameter: Bool {
        switch self {
        case .topk, .bottomk, .countValues, .quantile, .limitk, .limitRatio: true
        default: false
        }
    }

    /// Whether Prometheus gates the operator behind its experimental-functions flag.
    public var isExperimental: Bool { self == .limitk || self == .limitRatio }
}

/// `@ start()` or `@ end()`: resolved to the query's start or end time by the engine.
public enum AtModifierPreprocessor: String, Sendable, Hashable, CaseIterable {
    case start
    case end
}
