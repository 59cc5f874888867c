import Model

extension Expr {
    /// Prometheus 2.42's `Expr.String()`, which the prettier measures and prints.
    ///
    /// It differs from `description` (today's Prometheus) in two places: numbers print as
    /// Go's `%v` (`1e+10`, not `10000000000`) and `on`/`ignoring` print only with labels or
    /// `on` (so `ignoring() group_left()` vanishes, as in 2.42). Selectors, strings and
    /// durations print the same, so those are `description`'s.
    public var prometheus242Text: String {
        var out = ""
        Prometheus242Printer.write(self, into: &out, limit: .max)
        return out
    }
}

/// The pieces of 2.42's printer that the prettier also prints on their own.
enum Prometheus242Printer {
    /// Appends `expr`'s 2.42 text to `out`, stopping as soon as `out` is longer than `limit`
    /// bytes (then returns false). The prettier asks "longer than 100?" of every node on the
    /// way down; stopping early keeps that linear in the query's size instead of printing
    /// every subtree in full at every level above it.
    @discardableResult
    static func write(_ expr: Expr, into out: inout String, limit: Int) -> Bool {
        func append(_ text: String) -> Bool {
            out += text
            return out.utf8.count <= limit
        }
        switch expr {
        case .numberLiteral(let node): return append(PromFloat.goV(node.value))
        case .stringLiteral, .vectorSelector, .matrixSelector: return append(expr.description)
        case .subquery(let node):
            return write(node.expr, into: &out, limit: limit) && append(Printer.subquerySuffix(node))
        case .call(let node):
            guard append(node.function.name + "(") else { return false }
            for (index, arg) in node.args.enumerated() {
                if index > 0, !append(", ") { return false }
                guard write(arg, into: &out, limit: limit) else { return false }
            }
            return append(")")
        case .aggregate(let node):
            guard append(aggregationPrefix(node) + "(") else { return false }
            if node.op.takesParameter, let param = node.param {
                guard write(param, into: &out, limit: limit), append(", ") else { return false }
            }
            return write(node.expr, into: &out, limit: limit) && append(")")
        case .binary(let node):
            let op = " " + node.op.rawValue + (node.returnBool ? " bool" : "") + matching(node.vectorMatching) + " "
            return write(node.lhs, into: &out, limit: limit) && append(op) && write(node.rhs, into: &out, limit: limit)
        case .unary(let node): return append(node.op.rawValue) && write(node.expr, into: &out, limit: limit)
        case .paren(let node): return append("(") && write(node.expr, into: &out, limit: limit) && append(")")
        }
    }

    /// `getAggOpStr`: `sum`, `sum by (a, b) `, `sum without (a) ` (the trailing space is 2.42's).
    static func aggregationPrefix(_ node: AggregateExpr) -> String {
        if node.without { return node.op.rawValue + " without (" + Printer.labels(node.grouping) + ") " }
        if !node.grouping.isEmpty { return node.op.rawValue + " by (" + Printer.labels(node.grouping) + ") " }
        return node.op.rawValue
    }

    /// `getMatchingStr`: nothing unless there are matching labels or `on`.
    static func matching(_ matching: VectorMatching?) -> String {
        guard let vm = matching, !vm.matchingLabels.isEmpty || vm.on else { return "" }
        var out = " " + (vm.on ? "on" : "ignoring") + " (" + Printer.labels(vm.matchingLabels) + ")"
        if vm.card == .manyToOne || vm.card == .oneToMany {
            out += " group_" + (vm.card == .manyToOne ? "left" : "right") + " (" + Printer.labels(vm.include) + ")"
        }
        return out
    }
}

extension ParseErrors {
    /// The first error as Prometheus 2.42 prints it: as `description`, except that an empty
    /// query's position is `1:1:` (2.42 counts it like any other; today's Prometheus says
    /// `unknown position`).
    public var prometheus242Description: String {
        guard let first = errors.first else { return description }
        return first.query.isEmpty ? "1:1: parse error: \(first.message)" : first.description
    }
}
