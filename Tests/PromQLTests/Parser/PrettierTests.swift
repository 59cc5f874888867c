import Testing
@testable import PromQL

/// Prometheus 2.42's `promql/parser/prettier_test.go`, case for case: the same inputs, the
/// same expected outputs, at the same width (10 characters, as every upstream test sets
/// `maxCharactersPerLine`).
struct PrettierTests {
    static let prettier = Prettier(maxCharactersPerLine: 10)

    static let suites: [(name: String, cases: [(in: String, out: String)])] = [
        ("TestAggregateExprPretty", PrettierCases.aggregateExprPretty),
        ("TestBinaryExprPretty", PrettierCases.binaryExprPretty),
        ("TestCallExprPretty", PrettierCases.callExprPretty),
        ("TestParenExprPretty", PrettierCases.parenExprPretty),
        ("TestStepInvariantExpr", PrettierCases.stepInvariantExpr),
        ("TestExprPretty", PrettierCases.exprPretty),
        ("TestUnaryPretty", PrettierCases.unaryPretty),
    ]

    @Test(arguments: suites.map(\.name))
    func upstreamCases(_ suite: String) throws {
        let cases = try #require(Self.suites.first { $0.name == suite }?.cases)
        #expect(!cases.isEmpty)
        for (input, expected) in cases {
            let expr = try Parser.parseExpr(input)
            #expect(Self.prettier.format(expr) == expected, "\(suite): \(input)")
        }
    }

    /// Upstream's 59 cases, all ported.
    @Test func everyUpstreamCaseIsHere() {
        #expect(Self.suites.map(\.cases.count).reduce(0, +) == 59)
    }

    /// At the API's width (100) a short expression is its 2.42 `String()`, and a long one
    /// splits at the outermost node only as far as needed.
    @Test func defaultWidth() throws {
        let short = try Parser.parseExpr("sum  by(job)(rate(x[5m]))")
        #expect(Prettier().format(short) == "sum by (job) (rate(x[5m]))")
        let long = "sum by (job, instance) (rate(http_requests_total{code=~\"5..\",handler!=\"/metrics\"}[5m])) / "
            + "sum by (job, instance) (rate(http_requests_total[5m]))"
        let expected = """
              sum by (job, instance) (rate(http_requests_total{code=~"5..",handler!="/metrics"}[5m]))
            /
              sum by (job, instance) (rate(http_requests_total[5m]))
            """
        #expect(Prettier().format(try Parser.parseExpr(long)) == expected)
    }

    /// Where 2.42's `String()` differs from today's: `%v` numbers and no empty `ignoring ()`.
    @Test func prometheus242Text() throws {
        #expect(try Parser.parseExpr("1e10").prometheus242Text == "1e+10")
        #expect(try Parser.parseExpr("0.00001").prometheus242Text == "1e-05")
        #expect(try Parser.parseExpr("1234567").prometheus242Text == "1.234567e+06")
        #expect(try Parser.parseExpr("123456").prometheus242Text == "123456")
        #expect(try Parser.parseExpr("a * ignoring() group_left() b").prometheus242Text == "a * b")
        #expect(try Parser.parseExpr("a * on() group_left(x) b").prometheus242Text == "a * on () group_left (x) b")
    }
}

/// The upstream cases, verbatim (raw strings: no escapes to translate).
enum PrettierCases {
    /// `TestAggregateExprPretty`.
    static let aggregateExprPretty: [(in: String, out: String)] = [
        (#"sum(foo)"#,
         #"sum(foo)"#),
        (#"sum by() (task:errors:rate10s{job="s"})"#,
         #"""
sum(
  task:errors:rate10s{job="s"}
)
"""#),
        (#"sum without(job,foo) (task:errors:rate10s{job="s"})"#,
         #"""
sum without (job, foo) (
  task:errors:rate10s{job="s"}
)
"""#),
        (#"sum(task:errors:rate10s{job="s"}) without(job,foo)"#,
         #"""
sum without (job, foo) (
  task:errors:rate10s{job="s"}
)
"""#),
        (#"sum by(job,foo) (task:errors:rate10s{job="s"})"#,
         #"""
sum by (job, foo) (
  task:errors:rate10s{job="s"}
)
"""#),
        (#"sum (task:errors:rate10s{job="s"}) by(job,foo)"#,
         #"""
sum by (job, foo) (
  task:errors:rate10s{job="s"}
)
"""#),
        (#"topk(10, ask:errors:rate10s{job="s"})"#,
         #"""
topk(
  10,
  ask:errors:rate10s{job="s"}
)
"""#),
        (#"sum by(job,foo) (sum by(job,foo) (task:errors:rate10s{job="s"}))"#,
         #"""
sum by (job, foo) (
  sum by (job, foo) (
    task:errors:rate10s{job="s"}
  )
)
"""#),
        (#"sum by(job,foo) (sum by(job,foo) (sum by(job,foo) (task:errors:rate10s{job="s"})))"#,
         #"""
sum by (job, foo) (
  sum by (job, foo) (
    sum by (job, foo) (
      task:errors:rate10s{job="s"}
    )
  )
)
"""#),
        (#"""
sum by(job,foo)
(sum by(job,foo) (task:errors:rate10s{job="s"}))
"""#,
         #"""
sum by (job, foo) (
  sum by (job, foo) (
    task:errors:rate10s{job="s"}
  )
)
"""#),
        (#"""
sum by(job,foo)
(sum(task:errors:rate10s{job="s"}) without(job,foo))
"""#,
         #"""
sum by (job, foo) (
  sum without (job, foo) (
    task:errors:rate10s{job="s"}
  )
)
"""#),
        (#"""
sum by(job,foo) # Comment 1.
(sum by(job,foo) ( # Comment 2.
task:errors:rate10s{job="s"}))
"""#,
         #"""
sum by (job, foo) (
  sum by (job, foo) (
    task:errors:rate10s{job="s"}
  )
)
"""#),
    ]

    /// `TestBinaryExprPretty`.
    static let binaryExprPretty: [(in: String, out: String)] = [
        (#"a+b"#,
         #"a + b"#),
        (#"a == bool 1"#,
         #"""
  a
== bool
  1
"""#),
        (#"a + ignoring(job) b"#,
         #"""
  a
+ ignoring (job)
  b
"""#),
        (#"foo_1 + foo_2"#,
         #"""
  foo_1
+
  foo_2
"""#),
        (#"foo_1 + foo_2 + foo_3"#,
         #"""
    foo_1
  +
    foo_2
+
  foo_3
"""#),
        (#"foo + baar + foo_3"#,
         #"""
  foo + baar
+
  foo_3
"""#),
        (#"foo_1 + foo_2 + foo_3 + foo_4"#,
         #"""
      foo_1
    +
      foo_2
  +
    foo_3
+
  foo_4
"""#),
        (#"foo_1 + ignoring(foo) foo_2 + ignoring(job) group_left foo_3 + on(instance) group_right foo_4"#,
         #"""
      foo_1
    + ignoring (foo)
      foo_2
  + ignoring (job) group_left ()
    foo_3
+ on (instance) group_right ()
  foo_4
"""#),
    ]

    /// `TestCallExprPretty`.
    static let callExprPretty: [(in: String, out: String)] = [
        (#"rate(foo[1m])"#,
         #"""
rate(
  foo[1m]
)
"""#),
        (#"sum_over_time(foo[1m])"#,
         #"""
sum_over_time(
  foo[1m]
)
"""#),
        (#"rate(long_vector_selector[10m:1m] @ start() offset 1m)"#,
         #"""
rate(
  long_vector_selector[10m:1m] @ start() offset 1m
)
"""#),
        (#"histogram_quantile(0.9, rate(foo[1m]))"#,
         #"""
histogram_quantile(
  0.9,
  rate(
    foo[1m]
  )
)
"""#),
        (#"max_over_time(rate(demo_api_request_duration_seconds_count[1m])[1m:] @ start() offset 1m)"#,
         #"""
max_over_time(
  rate(
    demo_api_request_duration_seconds_count[1m]
  )[1m:] @ start() offset 1m
)
"""#),
        (#"label_replace(up{job="api-server",service="a:c"}, "foo", "$1", "service", "(.*):.*")"#,
         #"""
label_replace(
  up{job="api-server",service="a:c"},
  "foo",
  "$1",
  "service",
  "(.*):.*"
)
"""#),
        (#"label_replace(label_replace(up{job="api-server",service="a:c"}, "foo", "$1", "service", "(.*):.*"), "foo", "$1", "service", "(.*):.*")"#,
         #"""
label_replace(
  label_replace(
    up{job="api-server",service="a:c"},
    "foo",
    "$1",
    "service",
    "(.*):.*"
  ),
  "foo",
  "$1",
  "service",
  "(.*):.*"
)
"""#),
    ]

    /// `TestParenExprPretty`.
    static let parenExprPretty: [(in: String, out: String)] = [
        (#"(foo)"#,
         #"(foo)"#),
        (#"(_foo_long_)"#,
         #"""
(
  _foo_long_
)
"""#),
        (#"((foo_long))"#,
         #"""
(
  (foo_long)
)
"""#),
        (#"((_foo_long_))"#,
         #"""
(
  (
    _foo_long_
  )
)
"""#),
        (#"(((foo_long)))"#,
         #"""
(
  (
    (foo_long)
  )
)
"""#),
    ]

    /// `TestStepInvariantExpr`.
    static let stepInvariantExpr: [(in: String, out: String)] = [
        (#"a @ 1"#,
         #"a @ 1.000"#),
        (#"a @ start()"#,
         #"a @ start()"#),
        (#"vector_selector @ start()"#,
         #"vector_selector @ start()"#),
    ]

    /// `TestExprPretty`.
    static let exprPretty: [(in: String, out: String)] = [
        (#"(1 + 2)"#,
         #"(1 + 2)"#),
        (#"(foo + bar)"#,
         #"""
(
  foo + bar
)
"""#),
        (#"(foo_long + bar_long)"#,
         #"""
(
    foo_long
  +
    bar_long
)
"""#),
        (#"(foo_long + bar_long + bar_2_long)"#,
         #"""
(
      foo_long
    +
      bar_long
  +
    bar_2_long
)
"""#),
        (#"((foo_long + bar_long) + bar_2_long)"#,
         #"""
(
    (
        foo_long
      +
        bar_long
    )
  +
    bar_2_long
)
"""#),
        (#"(1111 + 2222)"#,
         #"""
(
    1111
  +
    2222
)
"""#),
        (#"(sum_over_time(foo[1m]))"#,
         #"""
(
  sum_over_time(
    foo[1m]
  )
)
"""#),
        (#"histogram_quantile(0.9, rate(foo[1m] @ start()))"#,
         #"""
histogram_quantile(
  0.9,
  rate(
    foo[1m] @ start()
  )
)
"""#),
        (#"(label_replace(up{job="api-server",service="a:c"}, "foo", "$1", "service", "(.*):.*"))"#,
         #"""
(
  label_replace(
    up{job="api-server",service="a:c"},
    "foo",
    "$1",
    "service",
    "(.*):.*"
  )
)
"""#),
        (#"(label_replace(label_replace(up{job="api-server",service="a:c"}, "foo", "$1", "service", "(.*):.*"), "foo", "$1", "service", "(.*):.*"))"#,
         #"""
(
  label_replace(
    label_replace(
      up{job="api-server",service="a:c"},
      "foo",
      "$1",
      "service",
      "(.*):.*"
    ),
    "foo",
    "$1",
    "service",
    "(.*):.*"
  )
)
"""#),
        (#"(label_replace(label_replace((up{job="api-server",service="a:c"}), "foo", "$1", "service", "(.*):.*"), "foo", "$1", "service", "(.*):.*"))"#,
         #"""
(
  label_replace(
    label_replace(
      (
        up{job="api-server",service="a:c"}
      ),
      "foo",
      "$1",
      "service",
      "(.*):.*"
    ),
    "foo",
    "$1",
    "service",
    "(.*):.*"
  )
)
"""#),
        (#"(node_filesystem_avail_bytes{job="node",fstype!=""} / node_filesystem_size_bytes{job="node",fstype!=""} * 100 < 40 and predict_linear(node_filesystem_avail_bytes{job="node",fstype!=""}[6h], 24*60*60) < 0 and node_filesystem_readonly{job="node",fstype!=""} == 0)"#,
         #"""
(
            node_filesystem_avail_bytes{fstype!="",job="node"}
          /
            node_filesystem_size_bytes{fstype!="",job="node"}
        *
          100
      <
        40
    and
        predict_linear(
          node_filesystem_avail_bytes{fstype!="",job="node"}[6h],
            24 * 60
          *
            60
        )
      <
        0
  and
      node_filesystem_readonly{fstype!="",job="node"}
    ==
      0
)
"""#),
        (#"(node_filesystem_avail_bytes{job="node",fstype!=""} / node_filesystem_size_bytes{job="node",fstype!=""} * 100 < 20 and predict_linear(node_filesystem_avail_bytes{job="node",fstype!=""}[6h], 4*60*60) < 0 and node_filesystem_readonly{job="node",fstype!=""} == 0)"#,
         #"""
(
            node_filesystem_avail_bytes{fstype!="",job="node"}
          /
            node_filesystem_size_bytes{fstype!="",job="node"}
        *
          100
      <
        20
    and
        predict_linear(
          node_filesystem_avail_bytes{fstype!="",job="node"}[6h],
            4 * 60
          *
            60
        )
      <
        0
  and
      node_filesystem_readonly{fstype!="",job="node"}
    ==
      0
)
"""#),
        (#"(node_timex_offset_seconds > 0.05 and deriv(node_timex_offset_seconds[5m]) >= 0) or (node_timex_offset_seconds < -0.05 and deriv(node_timex_offset_seconds[5m]) <= 0)"#,
         #"""
  (
        node_timex_offset_seconds
      >
        0.05
    and
        deriv(
          node_timex_offset_seconds[5m]
        )
      >=
        0
  )
or
  (
        node_timex_offset_seconds
      <
        -0.05
    and
        deriv(
          node_timex_offset_seconds[5m]
        )
      <=
        0
  )
"""#),
        (#"1 - ((node_memory_MemAvailable_bytes{job="node"} or (node_memory_Buffers_bytes{job="node"} + node_memory_Cached_bytes{job="node"} + node_memory_MemFree_bytes{job="node"} + node_memory_Slab_bytes{job="node"}) ) / node_memory_MemTotal_bytes{job="node"})"#,
         #"""
  1
-
  (
      (
          node_memory_MemAvailable_bytes{job="node"}
        or
          (
                  node_memory_Buffers_bytes{job="node"}
                +
                  node_memory_Cached_bytes{job="node"}
              +
                node_memory_MemFree_bytes{job="node"}
            +
              node_memory_Slab_bytes{job="node"}
          )
      )
    /
      node_memory_MemTotal_bytes{job="node"}
  )
"""#),
        (#"min by (job, integration) (rate(alertmanager_notifications_failed_total{job="alertmanager", integration=~".*"}[5m]) / rate(alertmanager_notifications_total{job="alertmanager", integration="~.*"}[5m])) > 0.01"#,
         #"""
  min by (job, integration) (
      rate(
        alertmanager_notifications_failed_total{integration=~".*",job="alertmanager"}[5m]
      )
    /
      rate(
        alertmanager_notifications_total{integration="~.*",job="alertmanager"}[5m]
      )
  )
>
  0.01
"""#),
        (#"(count by (job) (changes(process_start_time_seconds{job="alertmanager"}[10m]) > 4) / count by (job) (up{job="alertmanager"})) >= 0.5"#,
         #"""
  (
      count by (job) (
          changes(
            process_start_time_seconds{job="alertmanager"}[10m]
          )
        >
          4
      )
    /
      count by (job) (
        up{job="alertmanager"}
      )
  )
>=
  0.5
"""#),
    ]

    /// `TestUnaryPretty`.
    static let unaryPretty: [(in: String, out: String)] = [
        (#"-1"#,
         #"-1"#),
        (#"-vector_selector"#,
         #"-vector_selector"#),
        (#"(-vector_selector)"#,
         #"""
(
  -vector_selector
)
"""#),
        (#"-histogram_quantile(0.9,rate(foo[1m]))"#,
         #"""
-histogram_quantile(
  0.9,
  rate(
    foo[1m]
  )
)
"""#),
        (#"-histogram_quantile(0.99, sum by (le) (rate(foo[1m])))"#,
         #"""
-histogram_quantile(
  0.99,
  sum by (le) (
    rate(
      foo[1m]
    )
  )
)
"""#),
        (#"-histogram_quantile(0.9, -rate(foo[1m] @ start()))"#,
         #"""
-histogram_quantile(
  0.9,
  -rate(
    foo[1m] @ start()
  )
)
"""#),
        (#"(-histogram_quantile(0.9, -rate(foo[1m] @ start())))"#,
         #"""
(
  -histogram_quantile(
    0.9,
    -rate(
      foo[1m] @ start()
    )
  )
)
"""#),
    ]
}
