public import Model

/// A parsed PromQL expression: one case per node kind of Prometheus's `parser.Expr`.
///
/// Every node knows its `positionRange` (byte offsets into the query) and its `type`.
/// Offsets and `@` of a range selector live on its inner `VectorSelector`, as in
/// Prometheus (`foo[5m] offset 1m` sets `matrix.vectorSelector.originalOffset`).
public indirect enum Expr: Sendable, Hashable {
    case numberLiteral(NumberLiteral)
    case stringLiteral(StringLiteral)
    case vectorSelector(VectorSelector)
    case matrixSelector(MatrixSelector)
    case subquery(SubqueryExpr)
    case call(Call)
    case aggregate(AggregateExpr)
    case binary(BinaryExpr)
    case unary(UnaryExpr)
    case paren(ParenExpr)

    /// What the expression evaluates to (Prometheus's `Expr.Type()`).
    public var type: ValueType {
        switch self {
        case .numberLiteral: .scalar
        case .stringLiteral: .string
        case .vectorSelector: .vector
        case .matrixSelector, .subquery: .matrix
        case .call(let call): call.function.returnType
        case .aggregate: .vector
        case .binary(let binary): binary.type
        case .unary(let unary): unary.expr.type
        case .paren(let paren): paren.expr.type
        }
    }

    /// Where the expression is in the query text (Prometheus's `PositionRange()`).
    public var positionRange: PositionRange {
        switch self {
        case .numberLiteral(let node): node.positionRange
        case .stringLiteral(let node): node.positionRange
        case .vectorSelector(let node): node.positionRange
        case .matrixSelector(let node): node.positionRange
        case .subquery(let node): node.positionRange
        case .call(let node): node.positionRange
        case .aggregate(let node): node.positionRange
        case .binary(let node): node.positionRange
        case .unary(let node): node.positionRange
        case .paren(let node): node.positionRange
        }
    }

    /// Direct sub-expressions, in source order (Prometheus's `Children`).
    public var children: [Expr] {
        switch self {
        case .numberLiteral, .stringLiteral, .vectorSelector: []
        case .matrixSelector(let node): [.vectorSelector(node.vectorSelector)]
        case .subquery(let node): [node.expr]
        case .call(let node): node.args
        case .aggregate(let node): node.param.map { [$0, node.expr] } ?? [node.expr]
        case .binary(let node): [node.lhs, node.rhs]
        case .unary(let node): [node.expr]
        case .paren(let node): [node.expr]
        }
    }

    /// Calls `visit` on this node and then on every descendant, depth first, pre-order.
    public func forEachNode(_ visit: (Expr) throws -> Void) rethrows {
        try visit(self)
        for child in children { try child.forEachNode(visit) }
    }

    /// The expression with any enclosing parentheses removed.
    public var unwrappingParens: Expr {
        if case .paren(let paren) = self { return paren.expr.unwrappingParens }
        return self
    }
}

/// A float literal: `1`, `0x1F`, `1e3`, `Inf`, `NaN`, or a duration literal such as `5m`
/// used as a number of seconds.
public struct NumberLiteral: Sendable, Hashable {
    public var value: Double
    /// Written as a duration (`5m`): printed back as one.
    public var isDuration: Bool
    public var positionRange: PositionRange

    public init(value: Double, isDuration: Bool = false, positionRange: PositionRange) {
        self.value = value
        self.isDuration = isDuration
        self.positionRange = positionRange
    }

    // Hashable by bit pattern so NaN literals compare equal to themselves.
    public static func == (lhs: NumberLiteral, rhs: NumberLiteral) -> Bool {
        lhs.value.bitPattern == rhs.value.bitPattern && lhs.isDuration == rhs.isDuration
            && lhs.positionRange == rhs.positionRange
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(value.bitPattern)
        hasher.combine(isDuration)
        hasher.combine(positionRange)
    }
}

/// A string literal, unquoted (escapes resolved).
public struct StringLiteral: Sendable, Hashable {
    public var value: String
    public var positionRange: PositionRange

    public init(value: String, positionRange: PositionRange) {
        self.value = value
        self.positionRange = positionRange
    }
}

/// An instant vector selector: `name{matchers} offset d @ t`.
public struct VectorSelector: Sendable, Hashable {
    /// The metric name written before the braces, or "" (a name inside the braces is
    /// only a `__name__` matcher).
    public var name: String
    /// All matchers, including `__name__="name"` appended last when `name` is set.
    public var matchers: [Matcher]
    /// The `offset` as written, in milliseconds (negative allowed); 0 when absent.
    public var originalOffset: Int64
    /// The `offset` when written as an (experimental) duration expression; the engine
    /// evaluates it (with `step()`/`range()` known) and uses it instead of `originalOffset`.
    public var originalOffsetExpr: DurationExpr?
    /// `@ <t>` in milliseconds since the epoch, when given as a number.
    public var timestamp: Int64?
    /// `@ start()` or `@ end()`.
    public var startOrEnd: AtModifierPreprocessor?
    /// Experimental `anchored` modifier (extended range selectors).
    public var anchored: Bool
    /// Experimental `smoothed` modifier (extended range selectors).
    public var smoothed: Bool
    /// From the name (or `{`) to the end of the last modifier.
    public var positionRange: PositionRange

    public init(
        name: String, matchers: [Matcher], originalOffset: Int64 = 0, originalOffsetExpr: DurationExpr? = nil,
        timestamp: Int64? = nil, startOrEnd: AtModifierPreprocessor? = nil, anchored: Bool = false,
        smoothed: Bool = false, positionRange: PositionRange
    ) {
        self.name = name
        self.matchers = matchers
        self.originalOffset = originalOffset
        self.originalOffsetExpr = originalOffsetExpr
        self.timestamp = timestamp
        self.startOrEnd = startOrEnd
        self.anchored = anchored
        self.smoothed = smoothed
        self.positionRange = positionRange
    }
}

/// A range vector selector: `selector[range]`. Its offset and `@` are the inner selector's.
public struct MatrixSelector: Sendable, Hashable {
    public var vectorSelector: VectorSelector
    /// The range in milliseconds (from a literal; 0 when `rangeExpr` is set).
    public var range: Int64
    /// The range when written as an (experimental) duration expression.
    public var rangeExpr: DurationExpr?
    /// One past the last byte (the `]`, or the end of a trailing offset/`@`).
    public var endPosition: Int

    public init(vectorSelector: VectorSelector, range: Int64, rangeExpr: DurationExpr? = nil, endPosition: Int) {
        self.vectorSelector = vectorSelector
        self.range = range
        self.rangeExpr = rangeExpr
        self.endPosition = endPosition
    }

    public var positionRange: PositionRange {
        PositionRange(start: vectorSelector.positionRange.start, end: endPosition)
    }
}

/// A subquery: `expr[range:step] offset d @ t` (`step` 0 and `stepExpr` nil: `[range:]`,
/// the engine's default resolution).
public struct SubqueryExpr: Sendable, Hashable {
    public var expr: Expr
    /// The range in milliseconds (0 when `rangeExpr` is set).
    public var range: Int64
    public var rangeExpr: DurationExpr?
    /// The step in milliseconds; 0 when omitted or given by `stepExpr`.
    public var step: Int64
    public var stepExpr: DurationExpr?
    /// The `offset` as written, in milliseconds; 0 when absent.
    public var originalOffset: Int64
    public var originalOffsetExpr: DurationExpr?
    /// `@ <t>` in milliseconds since the epoch.
    public var timestamp: Int64?
    public var startOrEnd: AtModifierPreprocessor?
    /// One past the last byte.
    public var endPosition: Int

    public init(
        expr: Expr, range: Int64, rangeExpr: DurationExpr? = nil, step: Int64, stepExpr: DurationExpr? = nil,
        originalOffset: Int64 = 0, originalOffsetExpr: DurationExpr? = nil, timestamp: Int64? = nil,
        startOrEnd: AtModifierPreprocessor? = nil, endPosition: Int
    ) {
        self.expr = expr
        self.range = range
        self.rangeExpr = rangeExpr
        self.step = step
        self.stepExpr = stepExpr
        self.originalOffset = originalOffset
        self.originalOffsetExpr = originalOffsetExpr
        self.timestamp = timestamp
        self.startOrEnd = startOrEnd
        self.endPosition = endPosition
    }

    public var positionRange: PositionRange { PositionRange(start: expr.positionRange.start, end: endPosition) }
}

/// A function call; `function` is the signature the arguments were checked against.
public struct Call: Sendable, Hashable {
    public var function: FunctionSignature
    public var args: [Expr]
    public var positionRange: PositionRange

    public init(function: FunctionSignature, args: [Expr], positionRange: PositionRange) {
        self.function = function
        self.args = args
        self.positionRange = positionRange
    }
}

/// An aggregation: `op [by|without (labels)] ([param,] expr)`.
public struct AggregateExpr: Sendable, Hashable {
    public var op: AggregationOp
    public var expr: Expr
    /// The parameter of `topk`, `bottomk`, `quantile`, `count_values`, `limitk`, `limit_ratio`.
    public var param: Expr?
    /// Labels of `by (...)` or `without (...)`, as written.
    public var grouping: [String]
    /// `without` rather than `by`.
    public var without: Bool
    public var positionRange: PositionRange

    public init(op: AggregationOp, expr: Expr, param: Expr?, grouping: [String], without: Bool, positionRange: PositionRange) {
        self.op = op
        self.expr = expr
        self.param = param
        self.grouping = grouping
        self.without = without
        self.positionRange = positionRange
    }
}

/// A binary operation between two expressions.
public struct BinaryExpr: Sendable, Hashable {
    public var op: BinaryOp
    public var lhs: Expr
    public var rhs: Expr
    /// How vector elements are matched; nil unless both sides are instant vectors
    /// (Prometheus clears it otherwise). Set operators always get `.manyToMany`.
    public var vectorMatching: VectorMatching?
    /// `bool` on a comparison: return 0/1 instead of filtering.
    public var returnBool: Bool

    public init(op: BinaryOp, lhs: Expr, rhs: Expr, vectorMatching: VectorMatching?, returnBool: Bool) {
        self.op = op
        self.lhs = lhs
        self.rhs = rhs
        self.vectorMatching = vectorMatching
        self.returnBool = returnBool
    }

    /// Scalar when both sides are scalars, otherwise instant vector.
    public var type: ValueType { lhs.type == .scalar && rhs.type == .scalar ? .scalar : .vector }

    public var positionRange: PositionRange { .merging(lhs.positionRange, rhs.positionRange) }
}

/// The matching cardinality of a vector/vector binary operation.
public enum VectorMatchCardinality: String, Sendable, Hashable, CaseIterable {
    case oneToOne = "one-to-one"
    case manyToOne = "many-to-one"
    case oneToMany = "one-to-many"
    case manyToMany = "many-to-many"
}

/// How the two sides of a vector/vector operation are matched.
public struct VectorMatching: Sendable, Hashable {
    public var card: VectorMatchCardinality
    /// Labels of `on (...)` / `ignoring (...)`.
    public var matchingLabels: [String]
    /// `on` (only `matchingLabels` count) rather than `ignoring`.
    public var on: Bool
    /// Labels of `group_left (...)` / `group_right (...)` copied from the "one" side.
    public var include: [String]
    /// Experimental `fill`/`fill_left`/`fill_right` values for unmatched series.
    public var fillValues: FillValues

    public init(card: VectorMatchCardinality, matchingLabels: [String] = [], on: Bool = false,
                include: [String] = [], fillValues: FillValues = FillValues()) {
        self.card = card
        self.matchingLabels = matchingLabels
        self.on = on
        self.include = include
        self.fillValues = fillValues
    }

    /// The experimental binop fill modifiers (`fill(0)`, `fill_left(1) fill_right(2)`).
    public struct FillValues: Sendable, Hashable {
        public var lhs: Double?
        public var rhs: Double?
        public init(lhs: Double? = nil, rhs: Double? = nil) {
            self.lhs = lhs
            self.rhs = rhs
        }
    }
}

/// `-expr` or `+expr` (a literal's sign is folded into the literal instead).
public struct UnaryExpr: Sendable, Hashable {
    public var op: UnaryOp
    public var expr: Expr
    /// Byte offset of the operator.
    public var startPosition: Int

    public init(op: UnaryOp, expr: Expr, startPosition: Int) {
        self.op = op
        self.expr = expr
        self.startPosition = startPosition
    }

    public var positionRange: PositionRange { PositionRange(start: startPosition, end: expr.positionRange.end) }
}

/// `( expr )`.
public struct ParenExpr: Sendable, Hashable {
    public var expr: Expr
    public var positionRange: PositionRange

    public init(expr: Expr, positionRange: PositionRange) {
        self.expr = expr
        self.positionRange = positionRange
    }
}
