public import Model

/// The PromQL parser: query text to a type-checked `Expr`, with Prometheus's error
/// messages and positions.
public enum Parser {
    /// Parses and type-checks a PromQL expression (Prometheus's `ParseExpr`).
    /// - Parameters:
    ///   - query: the expression text.
    ///   - options: experimental syntax switches; `.standard` is Prometheus's default.
    /// - Throws: `ParseErrors`, printed as `line:col: parse error: message`.
    public static func parseExpr(_ query: String, options: ParserOptions = .standard) throws(ParseErrors) -> Expr {
        var parser = ExprParser(query: query, options: options)
        return try parser.parseTopLevel()
    }

    /// Parses a selector such as `metric{a="b"}` into its matchers (Prometheus's
    /// `ParseMetricSelector`), the metric name matcher last when written outside braces.
    /// - Throws: `ParseErrors`.
    ///
    /// As Prometheus's START_METRIC_SELECTOR grammar: only a selector is read, anything after
    /// it is "unexpected", and the expression checks (such as "at least one non-empty
    /// matcher") do not run; the caller decides (the HTTP API refuses such a `match[]`).
    public static func parseMetricSelector(_ text: String) throws(ParseErrors) -> [Matcher] {
        var parser = ExprParser(query: text, options: .standard)
        return try parser.parseSelectorOnly()
    }
}

/// Syntax errors stop the parse (as yacc's error recovery ends in the start rule).
struct SyntaxAbort: Error {}

/// The recursive-descent state over the token list. Semantic errors are collected and
/// parsing continues; a syntax error ends it.
struct ExprParser {
    let query: String
    let options: ParserOptions
    var tokens: [Token]
    var index = 0
    var errors: [ParseError] = []
    /// How many `(` of a duration expression enclose the current token: there a unary
    /// sign takes a following `^` chain with it (`offset (-2 ^ 2)` is -(2^2)).
    var durationParenDepth = 0
    /// End of the last `)`, `]`, `}`, number or duration consumed (Prometheus's `lastClosing`).
    var lastClosing = 0
    /// Current nesting, bounded by `maxDepth` (Parser+Depth.swift).
    var nesting = 0
    let queryLength: Int

    init(query: String, options: ParserOptions, seriesDescription: Bool = false) {
        self.query = query
        self.options = options
        tokens = Lexer.tokenize(query, seriesDescription: seriesDescription).filter { $0.kind != .comment }
        queryLength = query.utf8.count
    }

    var current: Token { tokens[min(index, tokens.count - 1)] }
    func peek(_ offset: Int = 1) -> Token { tokens[min(index + offset, tokens.count - 1)] }

    @discardableResult
    mutating func advance() -> Token {
        let token = current
        if index < tokens.count - 1 { index += 1 }
        switch token.kind {
        case .rightBrace, .rightParen, .rightBracket, .duration, .number: lastClosing = token.positionRange.end
        default: break
        }
        return token
    }

    mutating func addError(_ range: PositionRange, _ message: String) {
        errors.append(ParseError(positionRange: range, message: message, query: query))
    }

    /// Records "unexpected <token>[ in context][, expected ...]" at the current token (or the
    /// lexer's own error) and aborts.
    mutating func unexpected(_ context: String = "", expected: String = "") -> SyntaxAbort {
        let token = current
        if token.kind == .error {
            addError(PositionRange(start: token.position, end: queryLength), token.text)
            return SyntaxAbort()
        }
        var message = "unexpected \(token.errorDescription)"
        if !context.isEmpty { message += " in \(context)" }
        if !expected.isEmpty { message += ", expected \(expected)" }
        let range = token.kind == .eof ? PositionRange(start: token.position, end: token.position) : token.positionRange
        addError(range, message)
        return SyntaxAbort()
    }

    mutating func parseTopLevel() throws(ParseErrors) -> Expr {
        if current.kind == .eof {
            addError(PositionRange(start: 0, end: 0), "no expression found in input")
            throw ParseErrors(errors)
        }
        var result: Expr?
        do {
            let expr = try parseBinary(minPrecedence: 0)
            if current.kind != .eof { throw unexpected() }
            result = expr
        } catch {}
        guard errors.isEmpty, var expr = result else { throw ParseErrors(errors) }
        checkDepth(expr)
        if !errors.isEmpty { throw ParseErrors(errors) }
        _ = check(&expr)
        if !errors.isEmpty { throw ParseErrors(errors) }
        return expr
    }

    /// `name`, `name{...}` or `{...}` and the end of the input (`parseMetricSelector`).
    mutating func parseSelectorOnly() throws(ParseErrors) -> [Matcher] {
        var result: VectorSelector?
        do {
            let selector: VectorSelector
            switch current.kind {
            case .leftBrace:
                selector = try parseSelector(nameToken: nil)
            case .identifier, .metricIdentifier, .aggregator, .by, .without, .offset, .land, .lor, .lunless,
                 .start, .end, .step, .range, .maxOf, .minOf, .fill, .fillLeft, .fillRight, .anchored, .smoothed:
                selector = try parseSelector(nameToken: advance())
            default:
                throw unexpected()
            }
            if current.kind != .eof { throw unexpected() }
            result = selector
        } catch {}
        guard errors.isEmpty, let result else { throw ParseErrors(errors) }
        return result.matchers
    }

    // MARK: Operators

    /// Precedence climbing over Prometheus's operator table; `^` is right-associative.
    mutating func parseBinary(minPrecedence: Int) throws(SyntaxAbort) -> Expr {
        let outer = nesting
        defer { nesting = outer }
        try enterNesting()
        var lhs = try parseUnary()
        while let op = current.kind.binaryOp, op.precedence >= minPrecedence {
            try enterNesting()
            advance()
            let (matching, returnBool) = try parseBinaryModifiers()
            let nextMin = op.isRightAssociative ? op.precedence : op.precedence + 1
            let rhs = try parseBinary(minPrecedence: nextMin)
            let binary = BinaryExpr(op: op, lhs: lhs, rhs: rhs, vectorMatching: matching, returnBool: returnBool)
            if !options.enableBinopFillModifiers && (matching.fillValues.lhs != nil || matching.fillValues.rhs != nil) {
                addError(binary.positionRange, "binop fill modifiers are experimental and not enabled")
            }
            lhs = .binary(binary)
        }
        return lhs
    }

    /// `bool`, `on|ignoring (...)`, `group_left|group_right [(...)]`, `fill...(n)`.
    mutating func parseBinaryModifiers() throws(SyntaxAbort) -> (VectorMatching, Bool) {
        var matching = VectorMatching(card: .oneToOne)
        var returnBool = false
        if current.kind == .bool {
            advance()
            returnBool = true
        }
        if current.kind == .on || current.kind == .ignoring {
            matching.on = advance().kind == .on
            matching.matchingLabels = try parseGroupingLabels()
            if current.kind == .groupLeft || current.kind == .groupRight {
                matching.card = advance().kind == .groupLeft ? .manyToOne : .oneToMany
                if current.kind == .leftParen { matching.include = try parseGroupingLabels() }
            }
        }
        switch current.kind {
        case .fill:
            advance()
            let value = try parseFillValue()
            matching.fillValues = .init(lhs: value, rhs: value)
        case .fillLeft, .fillRight:
            let first = advance().kind
            let value = try parseFillValue()
            if first == .fillLeft { matching.fillValues.lhs = value } else { matching.fillValues.rhs = value }
            if current.kind == (first == .fillLeft ? .fillRight : .fillLeft) {
                advance()
                let other = try parseFillValue()
                if first == .fillLeft { matching.fillValues.rhs = other } else { matching.fillValues.lhs = other }
            }
        default: break
        }
        return (matching, returnBool)
    }

    mutating func parseFillValue() throws(SyntaxAbort) -> Double {
        guard current.kind == .leftParen else { throw unexpected() }
        advance()
        var sign = 1.0
        if current.kind == .add || current.kind == .sub {
            if advance().kind == .sub { sign = -1 }
        }
        guard current.kind == .number || current.kind == .duration else { throw unexpected() }
        let literal = numberLiteral(advance())
        guard current.kind == .rightParen else { throw unexpected() }
        advance()
        return sign * literal.value
    }

    /// `unary_op expr %prec MUL`: the operand takes only `^` (and postfix modifiers);
    /// a sign on a number literal is folded into the literal.
    mutating func parseUnary() throws(SyntaxAbort) -> Expr {
        guard current.kind == .add || current.kind == .sub else { return try parsePostfix(try parsePrimary()) }
        let opToken = advance()
        let op: UnaryOp = opToken.kind == .sub ? .minus : .plus
        let operand = try parseBinary(minPrecedence: BinaryOp.pow.precedence)
        if case .numberLiteral(var literal) = operand {
            if op == .minus { literal.value = -literal.value }
            literal.positionRange.start = opToken.position
            return .numberLiteral(literal)
        }
        return .unary(UnaryExpr(op: op, expr: operand, startPosition: opToken.position))
    }

    mutating func numberLiteral(_ token: Token) -> NumberLiteral {
        if token.kind == .duration {
            switch NumberParsing.duration(token.text) {
            case .success(let ms):
                return NumberLiteral(value: Double(ms) / 1000, isDuration: true, positionRange: token.positionRange)
            case .failure(let error):
                addError(token.positionRange, error.message)
                return NumberLiteral(value: 0, isDuration: true, positionRange: token.positionRange)
            }
        }
        switch NumberParsing.number(token.text) {
        case .success(let value): return NumberLiteral(value: value, positionRange: token.positionRange)
        case .failure(let error):
            addError(token.positionRange, "error parsing number: \(error.message)")
            return NumberLiteral(value: 0, positionRange: token.positionRange)
        }
    }
}
