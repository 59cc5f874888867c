import Model

extension Expr {
    /// Prometheus 2.42's `Expr.String()`, which the prettier measures and prints.
    ///
    /// It differs from `description` (today's Prometheus) in two places: numbers print as
    /// Go's `%v` (`1e+10`, not `10000000000`) and `on`/`ignoring` print only with labels or
    /// `on` (so `ignoring() group_left()` vanishes, as in 2.42). Selectors, strings and
    /// durations print the same, so those are `description`'s.
    public var prometheus242Text: String {
        switch self {
        case .numberLiteral(let node): PromFloat.goV(node.value)
        case .stringLiteral, .vectorSelector, .matrixSelector: description
        case .subquery(let node): node.expr.prometheus242Text + Printer.subquerySuffix(node)
        case .call(let node): node.function.name + "(" + node.args.map(\.prometheus242Text).joined(separator: ", ") + ")"
        case .aggregate(let node):
            Prometheus242Printer.aggregationPrefix(node) + "("
                + (node.op.takesParameter ? (node.param.map { $0.prometheus242Text + ", " } ?? "") : "")
                + node.expr.prometheus242Text + ")"
        case .binary(let node):
            node.lhs.prometheus242Text + " " + node.op.rawValue + (node.returnBool ? " bool" : "")
                + Prometheus242Printer.matching(node.vectorMatching) + " " + node.rhs.prometheus242Text
        case .unary(let node): node.op.rawValue + node.expr.prometheus242Text
        case .paren(let node): "(" + node.expr.prometheus242Text + ")"
        }
    }
}

/// The pieces of 2.42's printer that the prettier also prints on their own.
enum Prometheus242Printer {
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
