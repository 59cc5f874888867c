import Testing
@testable import PromQL

/// Bad expressions -> Prometheus's exact message and `line:col`.
struct ParserErrorTests {
    static let cases: [(String, String)] = [
        ("", "unknown position: parse error: no expression found in input"),
        ("# only a comment", "1:1: parse error: no expression found in input"),
        ("sum(rate(x[5m])", "1:16: parse error: unclosed left parenthesis"),
        ("1 +", "1:4: parse error: unexpected end of input"),
        ("foo{", "1:5: parse error: unexpected end of input inside braces"),
        ("{}", "1:1: parse error: vector selector must contain at least one non-empty matcher"),
        ("{a=~\".*\"}", "1:1: parse error: vector selector must contain at least one non-empty matcher"),
        ("rate(x)", "1:6: parse error: expected type range vector in call to function \"rate\", got instant vector"),
        ("rate(x[5m], 1)", "1:1: parse error: expected 1 argument(s) in call to \"rate\", got 2"),
        ("nope(x)", "1:1: parse error: unknown function with name \"nope\""),
        ("x[5m] + 1", "1:1: parse error: binary expression must contain only scalar and instant vector types"),
        ("1 == 1", "1:3: parse error: comparisons between scalars must use BOOL modifier"),
        ("x + bool y", "1:3: parse error: bool modifier can only be used on comparison operators"),
        ("x and 1", "1:1: parse error: set operator \"and\" not allowed in binary scalar expression"),
        ("x and on(a) group_left y", "1:1: parse error: no grouping allowed for \"and\" operation"),
        ("x + group_left y", "1:5: parse error: unexpected <group_left>"),
        ("x + on(a) group_left(a) y", "1:3: parse error: label \"a\" must not occur in ON and GROUP clause at once"),
        ("1 + on(a) x", "1:1: parse error: vector matching only allowed between instant vectors"),
        ("sum by (a) x", "1:12: parse error: unexpected identifier \"x\""),
        ("topk(x)", "1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 1"),
        ("sum(x) by", "1:10: parse error: unexpected end of input in grouping opts, expected \"(\""),
        ("foo[5m] offset 1m offset 2m", "1:1: parse error: offset may not be set multiple times"),
        ("foo offset 1m[5m]", "1:14: parse error: no offset modifiers allowed before range"),
        ("(foo)[5m]", "1:6: parse error: ranges only allowed for vector selectors"),
        ("foo[0s]", "1:5: parse error: duration must be greater than 0"),
        ("foo[5m1h]", "1:5: parse error: not a valid duration string: \"5m1h\""),
        ("rate(foo[5m])[1h]", "1:14: parse error: ranges only allowed for vector selectors"),
        ("foo[5m][1h:]", "1:1: parse error: subquery is only allowed on instant vector, got matrix instead"),
        ("1 @ 100", "1:1: parse error: @ modifier must be preceded by an instant vector selector or range vector selector or a subquery"),
        ("-\"a\"", "1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got \"string\""),
        ("foo{a=b}", "1:7: parse error: unexpected identifier \"b\" in label matching, expected string"),
        ("foo{a b}", "1:7: parse error: unexpected identifier \"b\" in label matching, expected label matching operator"),
        ("foo{__name__=\"bar\"}", "1:1: parse error: metric name must not be set twice: \"foo\" or \"bar\""),
        ("\"\\c\"", "1:1: parse error: unknown escape sequence U+0063 'c'"),
        ("`abc", "1:1: parse error: unterminated raw string"),
        ("1 !~ 1", "1:3: parse error: unexpected character after '!': '~'"),
        ("foo\n  + on(a) group_left(a) bar", "2:3: parse error: label \"a\" must not occur in ON and GROUP clause at once"),
        ("limitk(1, x)", "1:1: parse error: limitk() is experimental and must be enabled with --enable-feature=promql-experimental-functions"),
        ("foo[5m+1m]", "1:5: parse error: experimental duration expression is not enabled"),
        ("count_values(1, x)", "1:14: parse error: expected type string in aggregation parameter, got scalar"),
        ("sum(x,)", "1:6: parse error: trailing commas not allowed in function call args"),
    ]

    @Test(arguments: cases)
    func rejectsWithPrometheusMessage(_ input: String, _ expected: String) {
        #expect(throws: ParseErrors.self) { try Parser.parseExpr(input) }
        do {
            _ = try Parser.parseExpr(input)
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test func precedenceAndAssociativity() throws {
        // `^` is right-associative and binds tighter than unary minus.
        let pow = try Parser.parseExpr("2 ^ 3 ^ 2")
        guard case .binary(let outer) = pow, case .binary = outer.rhs else {
            Issue.record("expected 2 ^ (3 ^ 2), got \(pow)")
            return
        }
        guard case .unary(let unary) = try Parser.parseExpr("-2^2"), case .binary(let inner) = unary.expr else {
            Issue.record("expected -(2 ^ 2)")
            return
        }
        #expect(inner.op == .pow)
        // `or` binds loosest, `and` tighter, comparisons tighter still.
        guard case .binary(let orExpr) = try Parser.parseExpr("a or b and c > d") else { return }
        #expect(orExpr.op == .or)
        guard case .binary(let andExpr) = orExpr.rhs, case .binary(let compare) = andExpr.rhs else {
            Issue.record("expected a or (b and (c > d))")
            return
        }
        #expect(andExpr.op == .and && compare.op == .gtr)
        #expect(try Parser.parseExpr("a - b - c").description == "a - b - c")
        guard case .binary(let minus) = try Parser.parseExpr("a - b - c"), case .binary = minus.lhs else {
            Issue.record("expected (a - b) - c")
            return
        }
    }

    @Test func selectorAndModifierFields() throws {
        guard case .matrixSelector(let matrix) = try Parser.parseExpr("foo{a=\"b\"}[5m] offset -1m @ 10.5") else {
            Issue.record("expected a matrix selector")
            return
        }
        #expect(matrix.range == 300_000)
        #expect(matrix.vectorSelector.originalOffset == -60_000)
        #expect(matrix.vectorSelector.timestamp == 10_500)
        #expect(matrix.vectorSelector.matchers.map(\.description) == ["a=\"b\"", "__name__=\"foo\""])
        #expect(matrix.positionRange == PositionRange(start: 0, end: 32))
        guard case .binary(let binary) = try Parser.parseExpr("x and y") else { return }
        #expect(binary.vectorMatching?.card == .manyToMany)
        guard case .binary(let scalarBinary) = try Parser.parseExpr("x * 2") else { return }
        #expect(scalarBinary.vectorMatching == nil)
        #expect(try Parser.parseExpr("x * 2").type == .vector)
        #expect(try Parser.parseExpr("scalar(x) * 2").type == .scalar)
    }
}
