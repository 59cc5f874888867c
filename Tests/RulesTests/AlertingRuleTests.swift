import Model
import Testing
@testable import Rules

/// The alert state machine stepped by hand, minute by minute.
@Suite struct AlertingRuleTests {
    static func minute(_ m: Int) -> Timestamp { Timestamp(milliseconds: Int64(m) * 60_000) }
    static let series = Labels(["__name__": "x", "job": "a"])

    /// Runs `rule` at minutes 0…n with the series present (value `v`) where `values[m] != nil`.
    static func states(_ rule: inout AlertingRule, _ values: [Double?]) throws -> [AlertState?] {
        var out: [AlertState?] = []
        for (m, v) in values.enumerated() {
            let result = v.map { [QueryResultSample(labels: series, value: $0)] } ?? []
            _ = try rule.evaluate(result, at: minute(m))
            out.append(rule.active.values.first?.state)
        }
        return out
    }

    @Test func forHoldsPendingThenFires() throws {
        var rule = AlertingRule(name: "A", expr: "x > 0", holdDuration: PromDuration(seconds: 120))
        let states = try Self.states(&rule, [nil, 1, 1, 1, 1])
        #expect(states == [nil, .pending, .pending, .firing, .firing])
    }

    @Test func zeroForFiresOnFirstEvaluation() throws {
        var rule = AlertingRule(name: "A", expr: "x > 0")
        #expect(try Self.states(&rule, [1]) == [.firing])
    }

    @Test func pendingAlertVanishesWithoutResolving() throws {
        var rule = AlertingRule(name: "A", expr: "x > 0", holdDuration: PromDuration(seconds: 300))
        #expect(try Self.states(&rule, [1, nil]) == [.pending, nil])
    }

    /// The reference's verified example: `for: 2m`, `keep_firing_for: 3m`, true at 1m–4m.
    @Test func keepFiringForHoldsTheLastValue() throws {
        var rule = AlertingRule(
            name: "A", expr: "x > 0", holdDuration: PromDuration(seconds: 120), keepFiringFor: PromDuration(seconds: 180))
        let values: [Double?] = [nil, 1, 2, 3, 4, nil, nil, nil, nil]
        let states = try Self.states(&rule, values)
        #expect(states == [nil, .pending, .pending, .firing, .firing, .firing, .firing, .firing, .inactive])
        #expect(rule.active.values.first?.value == 4)
    }

    @Test func resolvedAlertsAreKept15MinutesAndComeBackFresh() throws {
        var rule = AlertingRule(name: "A", expr: "x > 0")
        var values: [Double?] = [1] + Array(repeating: nil, count: 16)
        values.append(nil)
        let states = try Self.states(&rule, values)
        #expect(states[1] == .inactive)
        #expect(states[16] == .inactive)  // 15m after resolving: still kept
        #expect(states[17] == nil)  // more than 15m: gone
        var again = AlertingRule(name: "A", expr: "x > 0", holdDuration: PromDuration(seconds: 60))
        _ = try Self.states(&again, [1, 1, nil, 1])
        #expect(again.active.values.first?.state == .pending)
        #expect(again.active.values.first?.activeAt == Self.minute(3))
    }

    @Test func limitExceededDropsEveryAlert() throws {
        var rule = AlertingRule(name: "A", expr: "x > 0")
        let two = [QueryResultSample(labels: Labels(["i": "1"]), value: 1), QueryResultSample(labels: Labels(["i": "2"]), value: 1)]
        #expect(throws: RuleEvaluationError("exceeded limit of 1 with 2 alerts")) {
            _ = try rule.evaluate(two, at: Self.minute(0), limit: 1)
        }
        #expect(rule.active.isEmpty)
    }

    @Test func duplicateLabelSetsFailWithoutTouchingState() throws {
        var rule = AlertingRule(name: "A", expr: "x", labels: [.init("i", "same")])
        _ = try rule.evaluate([QueryResultSample(labels: Labels(["i": "1"]), value: 1)], at: Self.minute(0))
        let before = rule.active
        let clash = [QueryResultSample(labels: Labels(["i": "1"]), value: 1), QueryResultSample(labels: Labels(["i": "2"]), value: 1)]
        #expect(throws: RuleEvaluationError("vector contains metrics with the same labelset after applying alert labels")) {
            _ = try rule.evaluate(clash, at: Self.minute(1))
        }
        #expect(rule.active == before)
    }

    @Test func labelsAnnotationsAndSeries() throws {
        var rule = AlertingRule(
            name: "High", expr: "x > 0", holdDuration: PromDuration(seconds: 60),
            labels: [.init("severity", "page"), .init("empty", "{{ $labels.nope }}"), .init("job_upper", "{{ toUpper $labels.job }}")],
            annotations: [.init("summary", "{{ $labels.job }} at {{ $value }} ({{ $labels.__name__ }})")])
        let first = try rule.evaluate([QueryResultSample(labels: Self.series, value: 1e6)], at: Self.minute(1), queryOffset: PromDuration(seconds: 30))
        let alert = try #require(rule.active.values.first)
        #expect(alert.labels == Labels(["alertname": "High", "job": "a", "severity": "page", "job_upper": "A"]))
        #expect(alert.annotations == Labels(["summary": "a at 1e+06 (x)"]))
        #expect(first.transitions == [.becamePending(alert.labels)])
        // ALERTS starts from the unexpanded rule labels: the empty expansion keeps its template text.
        #expect(first.samples == [
            RuleSample(labels: Labels(["__name__": "ALERTS", "alertname": "High", "alertstate": "pending", "empty": "{{ $labels.nope }}",
                                       "job": "a", "job_upper": "A", "severity": "page"]), value: 1, timestamp: Timestamp(milliseconds: 30_000)),
            RuleSample(labels: Labels(["__name__": "ALERTS_FOR_STATE", "alertname": "High", "empty": "{{ $labels.nope }}",
                                       "job": "a", "job_upper": "A", "severity": "page"]), value: 60, timestamp: Timestamp(milliseconds: 30_000)),
        ])
        let second = try rule.evaluate([QueryResultSample(labels: Self.series, value: 2)], at: Self.minute(2))
        #expect(second.transitions == [.fired(alert.labels)])
        #expect(rule.active.values.first?.activeAt == Self.minute(1))
        #expect(rule.active.values.first?.annotations == Labels(["summary": "a at 2 (x)"]))
        #expect(try rule.evaluate([], at: Self.minute(3)).transitions == [.resolved(alert.labels)])
    }

    @Test func resendCadenceEverySecondEvaluation() throws {
        var rule = AlertingRule(name: "A", expr: "x")
        var sent: [Int] = []
        for m in 0..<6 {
            _ = try rule.evaluate([QueryResultSample(labels: Labels(), value: 1)], at: Self.minute(m))
            if !rule.alertsToSend(at: Self.minute(m), resendDelay: PromDuration(seconds: 60), interval: PromDuration(seconds: 60)).isEmpty {
                sent.append(m)
            }
        }
        #expect(sent == [0, 2, 4])
        _ = try rule.evaluate([], at: Self.minute(6))
        let resolved = rule.alertsToSend(at: Self.minute(6), resendDelay: PromDuration(seconds: 60), interval: PromDuration(seconds: 60))
        #expect(resolved.first?.state == .inactive)
        #expect(resolved.first?.validUntil == Self.minute(10))
    }
}

@Suite struct RecordingRuleTests {
    @Test func relabelsRenamesAndRejects() throws {
        let rule = RecordingRule(name: "job:x:sum", expr: "sum(x)", labels: [.init("env", "prod"), .init("drop", "")])
        let out = try rule.evaluate([QueryResultSample(labels: Labels(["__name__": "x", "drop": "1", "job": "a"]), value: 3)],
                                    at: Timestamp(milliseconds: 60_000), queryOffset: PromDuration(seconds: 10))
        #expect(out == [RuleSample(labels: Labels(["__name__": "job:x:sum", "env": "prod", "job": "a"]), value: 3, timestamp: Timestamp(milliseconds: 50_000))])
        let clash = [QueryResultSample(labels: Labels(["drop": "1"]), value: 1), QueryResultSample(labels: Labels(["drop": "2"]), value: 2)]
        #expect(throws: RuleEvaluationError("vector contains metrics with the same labelset after applying rule labels")) {
            _ = try rule.evaluate(clash, at: Timestamp(milliseconds: 0))
        }
        let two = [QueryResultSample(labels: Labels(["a": "1"]), value: 1), QueryResultSample(labels: Labels(["a": "2"]), value: 2)]
        #expect(throws: RuleEvaluationError("exceeded limit of 1 with 2 series")) {
            _ = try rule.evaluate(two, at: Timestamp(milliseconds: 0), limit: 1)
        }
    }
}
