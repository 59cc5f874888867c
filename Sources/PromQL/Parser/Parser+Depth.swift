/// The nesting limit. Prometheus has none (Go stacks grow); Swift's threads have fixed stacks,
/// and the parser, type checker, printer and engine all recurse over the tree, so a query such as
/// 20,000 nested parentheses crashed the process instead of failing (found by FuzzPromQLParser).
/// A query deeper than `maxDepth` is a parse error; nothing a person writes comes near it.
extension ExprParser {
    /// The deepest expression tree (and parser recursion) accepted.
    static let maxDepth = 1000

    /// Counts one more level of nesting (a recursive call, or a binary operator chained at the
    /// same level, which deepens the tree without recursing); aborts past `maxDepth`.
    mutating func enterNesting() throws(SyntaxAbort) {
        nesting += 1
        if nesting > Self.maxDepth {
            addError(current.positionRange, "expression nested too deeply (more than \(Self.maxDepth) levels)")
            throw SyntaxAbort()
        }
    }

    /// After parsing: the tree's real depth, measured without recursion, within `maxDepth`.
    /// (The parse-time count bounds the recursion; operator chains at several levels can still
    /// add up to a deeper tree.)
    mutating func checkDepth(_ expr: Expr) {
        var stack: [(Expr, Int)] = [(expr, 1)]
        while let (node, depth) = stack.popLast() {
            if depth > Self.maxDepth {
                addError(expr.positionRange, "expression nested too deeply (more than \(Self.maxDepth) levels)")
                return
            }
            for child in node.children { stack.append((child, depth + 1)) }
        }
    }
}
