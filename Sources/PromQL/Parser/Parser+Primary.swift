import Model

extension ExprParser {
    /// Literals, parentheses, selectors, function calls and aggregations.
    mutating func parsePrimary() throws(SyntaxAbort) -> Expr {
        let token = current
        switch token.kind {
        case .number, .duration:
            advance()
            return .numberLiteral(numberLiteral(token))
        case .string:
            advance()
            return .stringLiteral(StringLiteral(value: GoQuote.unquote(token.text), positionRange: token.positionRange))
        case .leftParen:
            advance()
            let inner = try parseBinary(minPrecedence: 0)
            guard current.kind == .rightParen else { throw unexpected() }
            let close = advance()
            return .paren(ParenExpr(expr: inner, positionRange: .merging(token.positionRange, close.positionRange)))
        case .leftBrace:
            return .vectorSelector(try parseSelector(nameToken: nil))
        case .identifier:
            if peek().kind == .leftParen { return try parseCall() }
            return .vectorSelector(try parseSelector(nameToken: advance()))
        case .start, .end, .step, .range, .maxOf, .minOf:
            if peek().kind == .leftParen { return try parseCall() }
            return .vectorSelector(try parseSelector(nameToken: advance()))
        case .aggregator(let op):
            let next = peek().kind
            if next == .leftParen || next == .by || next == .without { return try parseAggregation(op) }
            return .vectorSelector(try parseSelector(nameToken: advance()))
        case .metricIdentifier, .by, .without, .offset, .land, .lor, .lunless, .fill, .fillLeft, .fillRight,
             .anchored, .smoothed:
            return .vectorSelector(try parseSelector(nameToken: advance()))
        default:
            throw unexpected()
        }
    }

    /// `name`, `name{...}` or `{...}`.
    mutating func parseSelector(nameToken: Token?) throws(SyntaxAbort) -> VectorSelector {
        var matchers: [Matcher] = []
        var range = nameToken?.positionRange ?? current.positionRange
        if current.kind == .leftBrace {
            let (parsed, braceRange) = try parseLabelMatchers()
            matchers = parsed
            range = nameToken.map { .merging($0.positionRange, braceRange) } ?? braceRange
        }
        let name = nameToken?.text ?? ""
        if !name.isEmpty, let nameMatcher = try? Matcher(.equal, LabelName.metricName, name) {
            matchers.append(nameMatcher)
        }
        return VectorSelector(name: name, matchers: matchers, positionRange: range)
    }

    /// `{ matcher, ... }` with an optional trailing comma.
    mutating func parseLabelMatchers() throws(SyntaxAbort) -> ([Matcher], PositionRange) {
        let open = advance()
        var matchers: [Matcher] = []
        if current.kind == .rightBrace {
            return (matchers, .merging(open.positionRange, advance().positionRange))
        }
        while true {
            if let matcher = try parseLabelMatcher() { matchers.append(matcher) }
            if current.kind == .comma {
                advance()
                if current.kind == .rightBrace { break }
                continue
            }
            if current.kind == .rightBrace { break }
            throw unexpected("label matching", expected: "\",\" or \"}\"")
        }
        return (matchers, .merging(open.positionRange, advance().positionRange))
    }

    mutating func parseLabelMatcher() throws(SyntaxAbort) -> Matcher? {
        let nameToken = current
        let name: String
        switch nameToken.kind {
        case .identifier:
            advance()
            name = nameToken.text
            guard isMatchOperator(current.kind) else {
                throw unexpected("label matching", expected: "label matching operator")
            }
        case .string:
            advance()
            name = GoQuote.unquote(nameToken.text)
            guard isMatchOperator(current.kind) else {
                // A bare quoted name is the metric name: {"my.metric"}.
                return makeMatcher(.equal, LabelName.metricName, name, range: nameToken.positionRange)
            }
        default:
            throw unexpected("label matching", expected: "identifier or \"}\"")
        }
        let opToken = advance()
        guard current.kind == .string else { throw unexpected("label matching", expected: "string") }
        let valueToken = advance()
        let kind: Matcher.Kind = switch opToken.kind {
        case .eql: .equal
        case .neq: .notEqual
        case .eqlRegex: .regexMatch
        default: .regexNoMatch
        }
        return makeMatcher(kind, name, GoQuote.unquote(valueToken.text),
                           range: .merging(nameToken.positionRange, valueToken.positionRange))
    }

    private func isMatchOperator(_ kind: TokenKind) -> Bool {
        kind == .eql || kind == .neq || kind == .eqlRegex || kind == .neqRegex
    }

    mutating func makeMatcher(_ kind: Matcher.Kind, _ name: String, _ value: String, range: PositionRange) -> Matcher? {
        do {
            return try Matcher(kind, name, value)
        } catch {
            addError(range, "error parsing regexp: \(error.message)")
            return nil
        }
    }

    /// `name(args...)`, checked against the function table.
    mutating func parseCall() throws(SyntaxAbort) -> Expr {
        let nameToken = advance()
        let name = nameToken.text
        var signature = FunctionSignature.named(name)
        if signature == nil {
            addError(nameToken.positionRange, "unknown function with name \(GoQuote.quote(name))")
        } else if signature?.isExperimental == true && !options.enableExperimentalFunctions {
            addError(nameToken.positionRange, "function \(GoQuote.quote(name)) is not enabled")
        }
        if signature == nil {
            signature = FunctionSignature(name: name, argumentTypes: [], variadic: 0, returnType: .none, isExperimental: false)
        }
        let args = try parseCallBody()
        return .call(Call(function: signature ?? FunctionSignature.unknown, args: args,
                          positionRange: PositionRange(start: nameToken.position, end: lastClosing)))
    }

    /// `( expr, ... )`; a trailing comma is an error that does not stop the parse.
    mutating func parseCallBody() throws(SyntaxAbort) -> [Expr] {
        guard current.kind == .leftParen else { throw unexpected() }
        advance()
        var args: [Expr] = []
        if current.kind == .rightParen {
            advance()
            return args
        }
        while true {
            args.append(try parseBinary(minPrecedence: 0))
            if current.kind == .comma {
                let comma = advance()
                if current.kind == .rightParen {
                    addError(comma.positionRange, "trailing commas not allowed in function call args")
                    break
                }
                continue
            }
            if current.kind == .rightParen { break }
            throw unexpected()
        }
        advance()
        return args
    }

    /// `op [by|without (...)] (args)` or `op (args) [by|without (...)]`.
    mutating func parseAggregation(_ op: AggregationOp) throws(SyntaxAbort) -> Expr {
        let opToken = advance()
        var grouping: [String] = []
        var without = false
        var args: [Expr]
        if current.kind == .by || current.kind == .without {
            without = advance().kind == .without
            grouping = try parseGroupingLabels()
            args = try parseCallBody()
        } else {
            args = try parseCallBody()
            if current.kind == .by || current.kind == .without {
                without = advance().kind == .without
                grouping = try parseGroupingLabels()
            }
        }
        let range = PositionRange(start: opToken.position, end: lastClosing)
        let placeholder = Expr.numberLiteral(NumberLiteral(value: 0, positionRange: range))
        func make(_ expr: Expr, _ param: Expr?) -> Expr {
            .aggregate(AggregateExpr(op: op, expr: expr, param: param, grouping: grouping, without: without, positionRange: range))
        }
        if args.isEmpty {
            addError(range, "no arguments for aggregate expression provided")
            return make(placeholder, nil)
        }
        var desired = 1
        var param: Expr?
        if op.takesParameter {
            if op.isExperimental && !options.enableExperimentalFunctions {
                addError(range, "\(op.rawValue)() is experimental and must be enabled with --enable-feature=promql-experimental-functions")
                return make(placeholder, nil)
            }
            desired = 2
            param = args[0]
        }
        if args.count != desired {
            addError(range, "wrong number of arguments for aggregate expression provided, expected \(desired), got \(args.count)")
            return make(placeholder, nil)
        }
        return make(args[desired - 1], param)
    }

    /// `( label, ... )` for by/without/on/ignoring/group_x; keywords are valid label names.
    mutating func parseGroupingLabels() throws(SyntaxAbort) -> [String] {
        guard current.kind == .leftParen else { throw unexpected("grouping opts", expected: "\"(\"") }
        advance()
        var labels: [String] = []
        if current.kind == .rightParen {
            advance()
            return labels
        }
        while true {
            let token = current
            switch token.kind {
            case .identifier, .metricIdentifier, .aggregator, .bool, .by, .groupLeft, .groupRight, .fill, .fillLeft,
                 .fillRight, .ignoring, .land, .lor, .lunless, .offset, .on, .without, .start, .end, .atan2, .step,
                 .range, .anchored, .smoothed, .maxOf, .minOf:
                advance()
                labels.append(token.text)
            case .string:
                advance()
                let name = GoQuote.unquote(token.text)
                if name.isEmpty {
                    addError(token.positionRange, "invalid label name for grouping: \(GoQuote.quote(name))")
                }
                labels.append(name)
            default:
                throw unexpected("grouping opts", expected: "label")
            }
            if current.kind == .comma {
                advance()
                if current.kind == .rightParen { break }
                continue
            }
            if current.kind == .rightParen { break }
            throw unexpected("grouping opts", expected: "\",\" or \")\"")
        }
        advance()
        return labels
    }
}

extension FunctionSignature {
    /// Stands in for an unknown function in an AST that is never returned (its parse failed).
    static let unknown = FunctionSignature(name: "", argumentTypes: [], variadic: 0, returnType: .none, isExperimental: false)
}
