import Model

extension ExprParser {
    /// Prometheus's `checkAST`: type-checks the tree, collecting every error, and
    /// normalises vector matching (cleared unless vector/vector; set operators many-to-many).
    mutating func check(_ expr: inout Expr) -> ValueType {
        switch expr {
        case .aggregate(var node):
            expectType(&node.expr, .vector, "aggregation expression")
            if var param = node.param {
                switch node.op {
                case .topk, .bottomk, .quantile, .limitk, .limitRatio: expectType(&param, .scalar, "aggregation parameter")
                case .countValues: expectType(&param, .string, "aggregation parameter")
                default: break
                }
                node.param = param
            }
            expr = .aggregate(node)
        case .binary(var node):
            checkBinary(&node)
            expr = .binary(node)
        case .call(var node):
            checkCall(&node)
            expr = .call(node)
        case .paren(var node):
            _ = check(&node.expr)
            expr = .paren(node)
        case .unary(var node):
            let type = check(&node.expr)
            if type != .scalar && type != .vector {
                addError(node.positionRange,
                         "unary expression only allowed on expressions of type scalar or instant vector, got \(GoQuote.quote(type.documentedName))")
            }
            expr = .unary(node)
        case .subquery(var node):
            let type = check(&node.expr)
            if type != .vector {
                addError(node.positionRange, "subquery is only allowed on instant vector, got \(type.rawValue) instead")
            }
            expr = .subquery(node)
        case .matrixSelector(let node):
            checkSelector(node.vectorSelector, bypassEmptyMatcherCheck: false)
        case .vectorSelector(let node):
            checkSelector(node, bypassEmptyMatcherCheck: false)
        case .numberLiteral, .stringLiteral:
            break
        }
        return expr.type
    }

    private mutating func expectType(_ expr: inout Expr, _ want: ValueType, _ context: String) {
        let type = check(&expr)
        if type != want {
            addError(expr.positionRange, "expected type \(want.documentedName) in \(context), got \(type.documentedName)")
        }
    }

    private mutating func checkSelector(_ node: VectorSelector, bypassEmptyMatcherCheck: Bool) {
        if !node.name.isEmpty {
            for matcher in node.matchers.dropLast() where matcher.name == LabelName.metricName {
                addError(node.positionRange,
                         "metric name must not be set twice: \(GoQuote.quote(node.name)) or \(GoQuote.quote(matcher.value))")
            }
            return
        }
        if !bypassEmptyMatcherCheck && !node.matchers.contains(where: { !$0.matchesEmpty }) {
            addError(node.positionRange, "vector selector must contain at least one non-empty matcher")
        }
    }

    /// The operator's span with surrounding spaces trimmed (end inclusive, as Prometheus).
    private func operatorRange(_ node: BinaryExpr) -> PositionRange {
        let bytes = Array(query.utf8)
        var start = node.lhs.positionRange.end
        while start < bytes.count, Lexer.isSpace(UInt32(bytes[start])) { start += 1 }
        var end = node.rhs.positionRange.start - 1
        while end > 0, end < bytes.count, Lexer.isSpace(UInt32(bytes[end])) { end -= 1 }
        return PositionRange(start: start, end: end)
    }

    private mutating func checkBinary(_ node: inout BinaryExpr) {
        let lt = check(&node.lhs)
        let rt = check(&node.rhs)
        if node.returnBool && !node.op.isComparison {
            addError(operatorRange(node), "bool modifier can only be used on comparison operators")
        }
        if node.op.isComparison && !node.returnBool && lt == .scalar && rt == .scalar {
            addError(operatorRange(node), "comparisons between scalars must use BOOL modifier")
        }
        guard var matching = node.vectorMatching else { return }
        if node.op.isSetOperator && matching.card == .oneToOne { matching.card = .manyToMany }
        if matching.on {
            for label in matching.matchingLabels where matching.include.contains(label) {
                addError(operatorRange(node), "label \(GoQuote.quote(label)) must not occur in ON and GROUP clause at once")
            }
        }
        if lt != .scalar && lt != .vector {
            addError(node.lhs.positionRange, "binary expression must contain only scalar and instant vector types")
        }
        if rt != .scalar && rt != .vector {
            addError(node.rhs.positionRange, "binary expression must contain only scalar and instant vector types")
        }
        let hasFill = matching.fillValues.lhs != nil || matching.fillValues.rhs != nil
        if lt != .vector || rt != .vector {
            if !matching.matchingLabels.isEmpty {
                addError(node.positionRange, "vector matching only allowed between instant vectors")
            }
            if hasFill { addError(node.positionRange, "filling in missing series only allowed between instant vectors") }
            node.vectorMatching = nil
        } else {
            if node.op.isSetOperator {
                if matching.card == .oneToMany || matching.card == .manyToOne {
                    addError(node.positionRange, "no grouping allowed for \(GoQuote.quote(node.op.rawValue)) operation")
                }
                if matching.card != .manyToMany {
                    addError(node.positionRange, "set operations must always be many-to-many")
                }
                if hasFill { addError(node.positionRange, "filling in missing series not allowed for set operators") }
            }
            node.vectorMatching = matching
        }
        if (lt == .scalar || rt == .scalar) && node.op.isSetOperator {
            addError(node.positionRange, "set operator \(GoQuote.quote(node.op.rawValue)) not allowed in binary scalar expression")
        }
    }

    private mutating func checkCall(_ node: inout Call) {
        let function = node.function
        let fixed = function.argumentTypes.count
        let name = GoQuote.quote(function.name)
        if function.variadic == 0 {
            if fixed != node.args.count {
                addError(node.positionRange, "expected \(fixed) argument(s) in call to \(name), got \(node.args.count)")
            }
        } else {
            let minimum = fixed - 1
            if minimum > node.args.count {
                addError(node.positionRange, "expected at least \(minimum) argument(s) in call to \(name), got \(node.args.count)")
            } else if function.variadic > 0, minimum + function.variadic < node.args.count {
                addError(node.positionRange,
                         "expected at most \(minimum + function.variadic) argument(s) in call to \(name), got \(node.args.count)")
            }
        }
        var bypassInfoSelector = false
        if function.name == "info" && node.args.count > 1 {
            let second = node.args[1]
            if second.type != .vector {
                addError(node.positionRange,
                         "expected type instant vector in call to function \(name), got \(second.type.documentedName)")
            }
            if case .vectorSelector(let selector) = second {
                if !selector.name.isEmpty {
                    addError(second.positionRange, "expected label selectors only, got vector selector instead")
                } else {
                    bypassInfoSelector = true
                }
            } else {
                addError(second.positionRange, "expected label selectors only")
            }
        }
        for index in node.args.indices {
            var typeIndex = index
            if index >= fixed {
                if function.variadic == 0 { break }
                typeIndex = fixed - 1
            }
            let type: ValueType
            if index == 1 && bypassInfoSelector, case .vectorSelector(let selector) = node.args[index] {
                checkSelector(selector, bypassEmptyMatcherCheck: true)
                type = .vector
            } else {
                type = check(&node.args[index])
            }
            if typeIndex >= 0, type != function.argumentTypes[typeIndex] {
                addError(node.args[index].positionRange,
                         "expected type \(function.argumentTypes[typeIndex].documentedName) in call to function \(name), got \(type.documentedName)")
            }
        }
    }
}
