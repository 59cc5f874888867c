import Model
import Testing
@testable import Rules

@Suite struct RuleGroupTests {
    static func minute(_ m: Int) -> Timestamp { Timestamp(milliseconds: Int64(m) * 60_000) }

    @Test func rulesRunInOrderWithStalenessAndFailures() throws {
        let text = """
            groups:
              - name: g
                labels: {site: s1, severity: low}
                rules:
                  - record: job:up:sum
                    expr: sum by (job) (up)
                  - alert: Down
                    expr: up == 0
                    labels: {severity: page}
                    annotations: {summary: "{{ $labels.job }} down, {{ query \\"count(up)\\" | first | value }} targets"}
                  - record: broken
                    expr: broken_metric
            """
        let file = try RuleFileDecoder().decode(text, path: "r.yml")
        var group = RuleGroup(try #require(file.groups.first), file: "r.yml", defaultInterval: PromDuration(seconds: 60))
        #expect(group.interval == PromDuration(seconds: 60))
        // A hand-written stand-in for the engine: fixed answers per expression and minute.
        let query: RuleQuery = { expr, at in
            switch expr {
            case "sum by (job) (up)":
                return at == Self.minute(0)
                    ? [QueryResultSample(labels: Labels(["job": "a"]), value: 1), QueryResultSample(labels: Labels(["job": "b"]), value: 0)]
                    : [QueryResultSample(labels: Labels(["job": "a"]), value: 1)]
            case "up == 0": return [QueryResultSample(labels: Labels(["__name__": "up", "job": "b"]), value: 0)]
            case "count(up)": return [QueryResultSample(labels: Labels(), value: 2)]
            default: throw RuleEvaluationError("unknown expression \(expr)")
            }
        }
        let first = group.evaluate(at: Self.minute(0), query: query)
        #expect(first.failures == [RuleGroup.Failure(rule: "broken", error: "unknown expression broken_metric")])
        #expect(first.samples.map(\.labels.description) == [
            "job:up:sum{job=\"a\", severity=\"low\", site=\"s1\"}", "job:up:sum{job=\"b\", severity=\"low\", site=\"s1\"}",
            "ALERTS{alertname=\"Down\", alertstate=\"firing\", job=\"b\", severity=\"page\", site=\"s1\"}",
            "ALERTS_FOR_STATE{alertname=\"Down\", job=\"b\", severity=\"page\", site=\"s1\"}",
        ])
        guard case .alerting(let rule) = group.rules[1] else {
            Issue.record("rule 2 should be alerting")
            return
        }
        #expect(rule.firingAlerts.first?.annotations == Labels(["summary": "b down, 2 targets"]))
        let second = group.evaluate(at: Self.minute(1), query: query)
        let stale = second.samples.filter { $0.value.bitPattern == RuleGroup.staleNaN.bitPattern }
        #expect(stale.map(\.labels.description) == ["job:up:sum{job=\"b\", severity=\"low\", site=\"s1\"}"])
        #expect(stale.first?.timestamp == Self.minute(1))
    }
}
