import Foundation

/// The `@` cross-check of promqltest (`atModifierTestCases`): every selector and
/// subquery without an `@` gets `@ t`, so the result must not depend on the query time.
enum AtModifierRewrite {
    static func usesTimeDependentFunction(_ expr: Expr) -> Bool {
        var found = false
        expr.forEachNode { node in
            if case .call(let call) = node, FunctionSignature.atModifierUnsafe.contains(call.function.name) { found = true }
        }
        return found
    }

    /// Whether the query text calls `start()`, `end()`, `range()` or `step()` anywhere,
    /// duration expressions included (upstream tests the text with this regex too).
    static func usesQueryContextFunction(_ text: String) -> Bool {
        text.range(of: #"(start|end|range|step)\(\)"#, options: .regularExpression) != nil
    }

    /// The expression with `@ t` on every selector/subquery not already under an `@`.
    static func pin(_ expr: Expr, at t: Int64) -> Expr {
        switch expr {
        case .vectorSelector(var vs):
            if vs.timestamp == nil && vs.startOrEnd == nil { vs.timestamp = t }
            return .vectorSelector(vs)
        case .matrixSelector(var ms):
            if ms.vectorSelector.timestamp == nil && ms.vectorSelector.startOrEnd == nil { ms.vectorSelector.timestamp = t }
            return .matrixSelector(ms)
        case .subquery(var sq):
            if sq.timestamp == nil && sq.startOrEnd == nil {
                sq.timestamp = t
                return .subquery(sq)
            }
            return expr
        case .call(var call):
            call.args = call.args.map { pin($0, at: t) }
            return .call(call)
        case .aggregate(var agg):
            agg.expr = pin(agg.expr, at: t)
            agg.param = agg.param.map { pin($0, at: t) }
            return .aggregate(agg)
        case .binary(var binary):
            binary.lhs = pin(binary.lhs, at: t)
            binary.rhs = pin(binary.rhs, at: t)
            return .binary(binary)
        case .unary(var unary):
            unary.expr = pin(unary.expr, at: t)
            return .unary(unary)
        case .paren(var paren):
            paren.expr = pin(paren.expr, at: t)
            return .paren(paren)
        case .numberLiteral, .stringLiteral:
            return expr
        }
    }
}
