import Foundation

/// Prometheus 2.42's PromQL prettier (`promql/parser/prettier.go`), the text `format_query`
/// answers with.
///
/// Each node is printed flat (2.42's `String()`, see `Expr.prometheus242Text`) when that
/// fits in `maxCharactersPerLine` bytes; otherwise it is split: an aggregation or call puts
/// each argument on its own line, a binary operation puts its operator on a line between
/// its operands, a parenthesis its content. Indentation is two spaces per level.
public struct Prettier: Sendable {
    /// The width past which a node is split (Prometheus's `maxCharactersPerLine`).
    public var maxCharactersPerLine: Int

    /// - Parameter maxCharactersPerLine: 100 as in Prometheus; upstream's tests use 10.
    public init(maxCharactersPerLine: Int = 100) {
        self.maxCharactersPerLine = maxCharactersPerLine
    }

    /// The prettified text of `expr` (Prometheus's `Prettify`).
    public func format(_ expr: Expr) -> String { pretty(expr, level: 0) }

    /// Prometheus's `Node.Pretty(level)`: `level` is how deep the parent's line breaks put this
    /// node, and so its indentation.
    private func pretty(_ expr: Expr, level: Int) -> String {
        let prefix = Self.indent(level)
        switch expr {
        case .numberLiteral, .stringLiteral, .vectorSelector, .matrixSelector:
            return prefix + expr.prometheus242Text
        case .aggregate(let node):
            guard needsSplit(expr) else { return prefix + expr.prometheus242Text }
            var out = prefix + Prometheus242Printer.aggregationPrefix(node) + "(\n"
            if node.op.takesParameter, let param = node.param { out += pretty(param, level: level + 1) + ",\n" }
            return out + pretty(node.expr, level: level + 1) + "\n" + prefix + ")"
        case .binary(let node):
            guard needsSplit(expr) else { return prefix + expr.prometheus242Text }
            return pretty(node.lhs, level: level + 1) + "\n" + prefix + node.op.rawValue + (node.returnBool ? " bool" : "")
                + Prometheus242Printer.matching(node.vectorMatching) + "\n" + pretty(node.rhs, level: level + 1)
        case .call(let node):
            guard needsSplit(expr) else { return prefix + expr.prometheus242Text }
            let args = node.args.map { pretty($0, level: level + 1) }.joined(separator: ",\n")
            return prefix + node.function.name + "(\n" + args + "\n" + prefix + ")"
        case .paren(let node):
            guard needsSplit(expr) else { return prefix + expr.prometheus242Text }
            return prefix + "(\n" + pretty(node.expr, level: level + 1) + "\n" + prefix + ")"
        case .subquery(let node):
            // 2.42 prints an unsplit subquery without its indentation; kept, since the
            // point is to answer as Prometheus does.
            guard needsSplit(expr) else { return expr.prometheus242Text }
            return pretty(node.expr, level: level) + Printer.subquerySuffix(node)
        case .unary(let node):
            // The operand's own indentation is dropped: the operator carries it.
            let operand = pretty(node.expr, level: level).trimmingCharacters(in: .whitespacesAndNewlines)
            return prefix + node.op.rawValue + operand
        }
    }

    /// Prometheus measures `len(String())`, in bytes; the text is printed only as far as the limit.
    private func needsSplit(_ expr: Expr) -> Bool {
        var text = ""
        return !Prometheus242Printer.write(expr, into: &text, limit: maxCharactersPerLine)
    }

    private static func indent(_ level: Int) -> String { String(repeating: "  ", count: level) }
}
