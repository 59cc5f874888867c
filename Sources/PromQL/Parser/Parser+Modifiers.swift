import Foundation

extension ExprParser {
    /// Postfix modifiers bind tighter than any operator: `[range]`, `[range:step]`,
    /// `offset d`, `@ t`, `anchored`, `smoothed`.
    mutating func parsePostfix(_ base: Expr) throws(SyntaxAbort) -> Expr {
        var expr = base
        while true {
            switch current.kind {
            case .leftBracket: expr = try parseRangeOrSubquery(expr)
            case .offset:
                advance()
                let duration = try parseOffsetDuration()
                expr = applyOffset(expr, duration)
            case .at:
                advance()
                expr = try parseAt(expr)
            case .anchored, .smoothed:
                let anchored = advance().kind == .anchored
                expr = applyExtended(expr, anchored: anchored)
            default:
                return expr
            }
        }
    }

    private mutating func parseRangeOrSubquery(_ base: Expr) throws(SyntaxAbort) -> Expr {
        let open = advance()
        guard startsDuration(current.kind) else {
            throw unexpected("subquery or range selector", expected: "number, duration, step(), or range()")
        }
        let range = positiveDuration(try parseDurationExpr(minPrecedence: 0))
        if current.kind == .rightBracket {
            let close = advance()
            guard case .vectorSelector(let selector) = base,
                  selector.originalOffset == 0, selector.originalOffsetExpr == nil,
                  selector.timestamp == nil, selector.startOrEnd == nil
            else {
                let message: String
                if case .vectorSelector(let selector) = base {
                    message = selector.originalOffset != 0 || selector.originalOffsetExpr != nil
                        ? "no offset modifiers allowed before range" : "no @ modifiers allowed before range"
                } else {
                    message = "ranges only allowed for vector selectors"
                }
                addError(.merging(open.positionRange, close.positionRange), message)
                return base
            }
            let (ms, rangeExpr) = literalOrExpr(range)
            return .matrixSelector(MatrixSelector(vectorSelector: selector, range: ms, rangeExpr: rangeExpr, endPosition: lastClosing))
        }
        guard current.kind == .colon else { throw unexpected("subquery or range", expected: "\":\" or \"]\"") }
        advance()
        var step: DurationExpr?
        if current.kind != .rightBracket {
            guard startsDuration(current.kind) else {
                throw unexpected("subquery selector", expected: "number, duration, step(), range(), or \"]\"")
            }
            step = positiveDuration(try parseDurationExpr(minPrecedence: 0))
            guard current.kind == .rightBracket else { throw unexpected("subquery selector", expected: "\"]\"") }
        }
        let close = advance()
        let (rangeMs, rangeExpr) = literalOrExpr(range)
        let (stepMs, stepExpr) = step.map { literalOrExpr($0) } ?? (0, nil)
        return .subquery(SubqueryExpr(expr: base, range: rangeMs, rangeExpr: rangeExpr, step: stepMs, stepExpr: stepExpr,
                                      endPosition: close.positionRange.end))
    }

    /// A literal's milliseconds, or the expression to resolve later. A literal out of Int64's range
    /// was already reported by `checkDurationRange`; it becomes 0 so that parsing goes on to collect
    /// the other errors instead of trapping in the conversion (found by FuzzPromQLParser).
    private func literalOrExpr(_ duration: DurationExpr) -> (Int64, DurationExpr?) {
        if case .literal(let literal) = duration { return (Int64(exactly: (literal.value * 1000).rounded()) ?? 0, nil) }
        return (0, duration)
    }

    private func startsDuration(_ kind: TokenKind) -> Bool {
        switch kind {
        case .number, .duration, .add, .sub, .leftParen, .step, .range, .maxOf, .minOf: true
        default: false
        }
    }

    /// `positive_duration_expr`: a literal must be > 0.
    private mutating func positiveDuration(_ duration: DurationExpr) -> DurationExpr {
        if case .literal(let literal) = duration, literal.value <= 0 {
            addError(literal.positionRange, "duration must be greater than 0")
        }
        return duration
    }

    /// The offset operand: a signed literal, `step()`, `range()`, `min_of`/`max_of`, or a
    /// parenthesised duration expression; binary operators after it belong to the outer expression.
    private mutating func parseOffsetDuration() throws(SyntaxAbort) -> DurationExpr {
        guard startsDuration(current.kind) else {
            throw unexpected("offset", expected: "number, duration, step(), or range()")
        }
        return try parseDurationPrimary()
    }

    mutating func parseDurationExpr(minPrecedence: Int) throws(SyntaxAbort) -> DurationExpr {
        let outer = nesting
        defer { nesting = outer }
        try enterNesting()
        var lhs = try parseDurationPrimary()
        while let op = current.kind.binaryOp, [.add, .sub, .mul, .div, .mod, .pow].contains(op),
              op.precedence >= minPrecedence {
            try enterNesting()
            let opToken = advance()
            let rhs = try parseDurationExpr(minPrecedence: op.isRightAssociative ? op.precedence : op.precedence + 1)
            requireDurationExprFeature(lhs.positionRange)
            if op == .div || op == .mod, case .literal(let literal) = rhs, literal.value == 0 {
                addError(opToken.positionRange, op == .div ? "division by zero" : "modulo by zero")
            }
            lhs = .binary(op, lhs, rhs)
        }
        return lhs
    }

    private mutating func parseDurationPrimary() throws(SyntaxAbort) -> DurationExpr {
        let outer = nesting
        defer { nesting = outer }
        try enterNesting()  // `- - - 1m` recurses here without parseDurationExpr
        let token = current
        switch token.kind {
        case .number, .duration:
            advance()
            let literal = numberLiteral(token)
            checkDurationRange(literal.value, token.positionRange)
            return .literal(literal)
        case .add, .sub:
            advance()
            let operand = try parseDurationPrimaryForUnary()
            if case .literal(var literal) = operand {
                if token.kind == .sub { literal.value = -literal.value }
                checkDurationRange(literal.value, token.positionRange)
                literal.positionRange.start = token.position
                return .literal(literal)
            }
            requireDurationExprFeature(PositionRange(start: token.position, end: operand.positionRange.end))
            return .unary(token.kind == .sub ? .minus : .plus, operand, startPosition: token.position)
        case .step, .range:
            advance()
            guard current.kind == .leftParen else {
                throw unexpected("subquery or range selector", expected: "number, duration, step(), or range()")
            }
            advance()
            guard current.kind == .rightParen else { throw unexpected() }
            let close = advance()
            let range = PositionRange.merging(token.positionRange, close.positionRange)
            requireDurationExprFeature(range)
            return token.kind == .step ? .step(range) : .range(range)
        case .maxOf, .minOf:
            advance()
            guard current.kind == .leftParen else { throw unexpected() }
            advance()
            durationParenDepth += 1
            let lhs = try parseDurationExpr(minPrecedence: 0)
            guard current.kind == .comma else { throw unexpected() }
            advance()
            let rhs = try parseDurationExpr(minPrecedence: 0)
            durationParenDepth -= 1
            guard current.kind == .rightParen else { throw unexpected() }
            let close = advance()
            let range = PositionRange.merging(token.positionRange, close.positionRange)
            requireDurationExprFeature(range)
            return token.kind == .maxOf ? .maxOf(lhs, rhs, range) : .minOf(lhs, rhs, range)
        case .leftParen:
            advance()
            durationParenDepth += 1
            let inner = try parseDurationExpr(minPrecedence: 0)
            durationParenDepth -= 1
            guard current.kind == .rightParen else { throw unexpected() }
            let close = advance()
            let range = PositionRange.merging(token.positionRange, close.positionRange)
            requireDurationExprFeature(inner.positionRange)
            return .paren(inner, range)
        default:
            throw unexpected()
        }
    }

    /// A unary sign applies to the next primary, and to `^` chains (`-2^2` = -(2^2)).
    private mutating func parseDurationPrimaryForUnary() throws(SyntaxAbort) -> DurationExpr {
        let operand = try parseDurationPrimary()
        if current.kind == .pow, bracketContext || durationParenDepth > 0 {
            advance()
            let rhs = try parseDurationExpr(minPrecedence: BinaryOp.pow.precedence)
            requireDurationExprFeature(operand.positionRange)
            return .binary(.pow, operand, rhs)
        }
        return operand
    }

    /// Inside `[...]` the lexer is in duration mode; `^` after an unparenthesised offset
    /// belongs to the outer expression (`x offset -2 ^ 2` is `(x offset -2) ^ 2`).
    private var bracketContext: Bool {
        tokens[..<index].reversed().first { $0.kind == .leftBracket || $0.kind == .rightBracket }?.kind == .leftBracket
    }

    private mutating func checkDurationRange(_ seconds: Double, _ range: PositionRange) {
        if seconds > 9_223_372_036.854775807 || seconds < -9_223_372_036.854775808 {
            addError(range, "duration out of range")
        }
    }

    private mutating func requireDurationExprFeature(_ range: PositionRange) {
        if !options.experimentalDurationExpr {
            addError(range, "experimental duration expression is not enabled")
        }
    }

    private mutating func applyOffset(_ expr: Expr, _ duration: DurationExpr) -> Expr {
        let (ms, offsetExpr) = literalOrExpr(duration)
        func alreadySet(_ current: Int64, _ currentExpr: DurationExpr?) -> Bool {
            if current != 0 || currentExpr != nil {
                addError(expr.positionRange, "offset may not be set multiple times")
                return true
            }
            return false
        }
        switch expr {
        case .vectorSelector(var selector):
            if !alreadySet(selector.originalOffset, selector.originalOffsetExpr) {
                selector.originalOffset = ms
                selector.originalOffsetExpr = offsetExpr
            }
            selector.positionRange.end = lastClosing
            return .vectorSelector(selector)
        case .matrixSelector(var matrix):
            if !alreadySet(matrix.vectorSelector.originalOffset, matrix.vectorSelector.originalOffsetExpr) {
                matrix.vectorSelector.originalOffset = ms
                matrix.vectorSelector.originalOffsetExpr = offsetExpr
            }
            matrix.endPosition = lastClosing
            return .matrixSelector(matrix)
        case .subquery(var subquery):
            if !alreadySet(subquery.originalOffset, subquery.originalOffsetExpr) {
                subquery.originalOffset = ms
                subquery.originalOffsetExpr = offsetExpr
            }
            subquery.endPosition = lastClosing
            return .subquery(subquery)
        default:
            addError(expr.positionRange,
                     "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery")
            return expr
        }
    }

    private mutating func parseAt(_ expr: Expr) throws(SyntaxAbort) -> Expr {
        var timestamp: Int64?
        var preprocessor: AtModifierPreprocessor?
        switch current.kind {
        case .start, .end:
            preprocessor = advance().kind == .start ? .start : .end
            guard current.kind == .leftParen else { throw unexpected() }
            advance()
            guard current.kind == .rightParen else { throw unexpected() }
            advance()
        case .number, .duration, .add, .sub:
            var sign = 1.0
            if current.kind == .add || current.kind == .sub {
                if advance().kind == .sub { sign = -1 }
                guard current.kind == .number || current.kind == .duration else { throw unexpected() }
            }
            let seconds = sign * numberLiteral(advance()).value
            if seconds.isNaN || seconds.isInfinite || seconds >= 9.223372036854775807e18 || seconds <= -9.223372036854775808e18 {
                addError(expr.positionRange, "timestamp out of bounds for @ modifier: \(GoFormat.fixed6(seconds))")
                return expr
            }
            // Prometheus bounds the seconds, not the milliseconds: `@ 1e16` passes its check and
            // Go's float→int64 conversion yields math.MinInt64 on amd64. Do the same instead of
            // trapping (found by FuzzPromQLParser).
            timestamp = Int64(exactly: (seconds * 1000).rounded()) ?? Int64.min
        default:
            throw unexpected("@", expected: "timestamp")
        }
        func alreadySet(_ ts: Int64?, _ pre: AtModifierPreprocessor?) -> Bool {
            if ts != nil || pre != nil {
                addError(expr.positionRange, "@ <timestamp> may not be set multiple times")
                return true
            }
            return false
        }
        switch expr {
        case .vectorSelector(var selector):
            if alreadySet(selector.timestamp, selector.startOrEnd) { return expr }
            (selector.timestamp, selector.startOrEnd) = (timestamp, preprocessor)
            selector.positionRange.end = lastClosing
            return .vectorSelector(selector)
        case .matrixSelector(var matrix):
            if alreadySet(matrix.vectorSelector.timestamp, matrix.vectorSelector.startOrEnd) { return expr }
            (matrix.vectorSelector.timestamp, matrix.vectorSelector.startOrEnd) = (timestamp, preprocessor)
            matrix.endPosition = lastClosing
            return .matrixSelector(matrix)
        case .subquery(var subquery):
            if alreadySet(subquery.timestamp, subquery.startOrEnd) { return expr }
            (subquery.timestamp, subquery.startOrEnd) = (timestamp, preprocessor)
            subquery.endPosition = lastClosing
            return .subquery(subquery)
        default:
            addError(expr.positionRange,
                     "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery")
            return expr
        }
    }

    private mutating func applyExtended(_ expr: Expr, anchored: Bool) -> Expr {
        let word = anchored ? "anchored" : "smoothed"
        guard options.enableExtendedRangeSelectors else {
            addError(expr.positionRange, "\(word) modifier is experimental and not enabled")
            return expr
        }
        func set(_ selector: inout VectorSelector) {
            if anchored { selector.anchored = true } else { selector.smoothed = true }
            if selector.anchored && selector.smoothed {
                addError(expr.positionRange, "anchored and smoothed modifiers cannot be used together")
            }
        }
        switch expr {
        case .vectorSelector(var selector):
            set(&selector)
            return .vectorSelector(selector)
        case .matrixSelector(var matrix):
            set(&matrix.vectorSelector)
            return .matrixSelector(matrix)
        case .subquery:
            addError(expr.positionRange, "\(word) modifier is not supported for subqueries")
        default:
            addError(expr.positionRange, "\(word) modifier not implemented")
        }
        return expr
    }
}

/// Go `fmt` verbs the parser's messages use.
enum GoFormat {
    /// `%f`: six decimals, `+Inf`, `-Inf`, `NaN`.
    static func fixed6(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        return String(format: "%.6f", value)
    }
}
