import Testing
@testable import PromQL

/// Expression -> canonical text (Prometheus's `Expr.String()`), and the text parses back to itself.
struct PrinterTests {
    static let cases: [(String, String)] = [
        ("sum by (job) (rate(http_requests_total[5m]))", "sum by (job) (rate(http_requests_total[5m]))"),
        ("sum(rate(x[5m])) by (job)", "sum by (job) (rate(x[5m]))"),
        ("sum without(instance)(x)", "sum without (instance) (x)"),
        ("topk(3, x)", "topk(3, x)"),
        ("count_values(\"v\", x)", "count_values(\"v\", x)"),
        ("a + on(job) group_left(x) b", "a + on (job) group_left (x) b"),
        ("a * ignoring(c) group_right b", "a * ignoring (c) group_right () b"),
        ("a > bool 1", "a > bool 1"),
        ("a and on() b", "a and on () b"),
        ("foo offset 5m", "foo offset 5m"),
        ("foo offset -1h30m", "foo offset -1h30m"),
        ("foo[5m] offset 1w", "foo[5m] offset 1w"),
        ("foo @ 1603774568", "foo @ 1603774568.000"),
        ("foo[5m] @ start()", "foo[5m] @ start()"),
        ("rate(foo[1h:5m] @ end() offset 1m)", "rate(foo[1h:5m] @ end() offset 1m)"),
        ("max_over_time(rate(x[1m])[10m:])", "max_over_time(rate(x[1m])[10m:])"),
        ("{a=\"b\", __name__=~\"f.*\", c!~\"d\"}", "{__name__=~\"f.*\",a=\"b\",c!~\"d\"}"),
        ("{__name__=\"up\"}", "{__name__=\"up\"}"),
        ("{\"my.metric\", a=\"1\"}", "{__name__=\"my.metric\",a=\"1\"}"),
        ("-2^2", "-2 ^ 2"),
        ("- foo", "-foo"),
        ("1e3", "1000"),
        ("0x1F", "31"),
        ("1_000", "1000"),
        ("Inf", "+Inf"),
        ("-inf", "-Inf"),
        ("NaN", "NaN"),
        ("1.5e-7", "0.00000015"),
        ("5m", "5m"),
        ("(1 + 2) * 3", "(1 + 2) * 3"),
        ("'single'", "\"single\""),
        ("label_replace(up, \"a\", \"$1\", \"b\", \"(.*)\")", "label_replace(up, \"a\", \"$1\", \"b\", \"(.*)\")"),
        ("foo # comment\n + bar", "foo + bar"),
        ("foo[5m+1m]", "foo[5m + 1m]"),
        ("foo[step()*2:]", "foo[step() * 2:]"),
        ("foo offset (1h / 2)", "foo offset (1h / 2)"),
    ]

    @Test(arguments: cases)
    func printsCanonically(_ input: String, _ expected: String) throws {
        let expr = try Parser.parseExpr(input, options: .promqlTest)
        #expect(expr.description == expected)
        let reparsed = try Parser.parseExpr(expr.description, options: .promqlTest)
        #expect(reparsed.description == expected)
    }
}
