import Foundation
import Model
import Testing
@testable import Rules

/// The state machine, stepped by hand with the results `x > 0` gives on known data, must
/// produce the firing alerts (labels + annotations) and ALERTS_FOR_STATE values that the
/// real promtool computes for the same rules and series.
@Suite struct AlertingRulePromtoolTests {
    static let values: [String: [Double]] = [
        "a": [0, 1, 2, 3, 4, 0, 0, 0, 0, 5, 6, 0, 0, 0],
        "b": [3, 3, 0, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0, 2],
    ]
    static let minutes = 14

    static func makeRules() -> [AlertingRule] {
        [
            AlertingRule(
                name: "Held", expr: "x > 0", holdDuration: PromDuration(seconds: 120), keepFiringFor: PromDuration(seconds: 180),
                labels: [.init("severity", "page")],
                annotations: [.init("summary", "{{ $labels.job }} is {{ $value }}"), .init("pct", "{{ humanizePercentage $value }}")]),
            AlertingRule(
                name: "Instant", expr: "x > 0", labels: [.init("team", "{{ if eq $labels.job \"a\" }}alpha{{ else }}beta{{ end }}")],
                annotations: [.init("d", "{{ printf \"%.1f\" $value }} on {{ $labels.__name__ }}")]),
            AlertingRule(name: "OneMinute", expr: "x > 0", holdDuration: PromDuration(seconds: 60)),
        ]
    }

    @Test func firingAlertsAndForStateMatchPromtool() throws {
        guard Promtool.isAvailable else {
            print("skipped: /usr/bin/promtool not installed")
            return
        }
        var rules = Self.makeRules()
        var alertTests = ""
        var exprTests = ""
        for m in 0..<Self.minutes {
            let ts = Timestamp(milliseconds: Int64(m) * 60_000)
            let result = Self.values.keys.sorted().compactMap { job -> QueryResultSample? in
                let v = Self.values[job]?[m] ?? 0
                return v > 0 ? QueryResultSample(labels: Labels(["__name__": "x", "job": job]), value: v) : nil
            }
            var forState: [RuleSample] = []
            for i in rules.indices {
                forState += try rules[i].evaluate(result, at: ts).samples.filter { $0.labels.metricName == "ALERTS_FOR_STATE" }
                alertTests += "      - eval_time: \(m)m\n        alertname: \(rules[i].name)\n        exp_alerts:\n"
                for alert in rules[i].firingAlerts {
                    let labels = alert.labels.removing(["alertname"]).map { "\($0.name): \(Promtool.yamlString($0.value))" }
                    let annotations = alert.annotations.map { "\($0.name): \(Promtool.yamlString($0.value))" }
                    alertTests += "          - exp_labels: {\(labels.joined(separator: ", "))}\n"
                    alertTests += "            exp_annotations: {\(annotations.joined(separator: ", "))}\n"
                }
            }
            exprTests += "      - expr: ALERTS_FOR_STATE\n        eval_time: \(m)m\n        exp_samples:\n"
            for sample in forState {
                exprTests += "          - labels: \(Promtool.yamlString(sample.labels.description))\n            value: \(Int(sample.value))\n"
            }
        }
        var rulesYAML = "groups:\n  - name: g\n    rules:\n"
        for rule in Self.makeRules() {
            rulesYAML += "      - alert: \(rule.name)\n        expr: \(rule.expr)\n        for: \(rule.holdDuration)\n"
            rulesYAML += "        keep_firing_for: \(rule.keepFiringFor)\n"
            rulesYAML += "        labels: {\(rule.labels.map { "\($0.key): \(Promtool.yamlString($0.value))" }.joined(separator: ", "))}\n"
            rulesYAML += "        annotations: {\(rule.annotations.map { "\($0.key): \(Promtool.yamlString($0.value))" }.joined(separator: ", "))}\n"
        }
        var testYAML = "rule_files: [rules.yml]\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series:\n"
        for job in Self.values.keys.sorted() {
            let series = Self.values[job] ?? []
            testYAML += "      - series: 'x{job=\"\(job)\"}'\n        values: '\(series.map { String(Int($0)) }.joined(separator: " "))'\n"
        }
        testYAML += "    alert_rule_test:\n" + alertTests + "    promql_expr_test:\n" + exprTests
        let dir = try Promtool.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try rulesYAML.write(to: dir.appendingPathComponent("rules.yml"), atomically: true, encoding: .utf8)
        try testYAML.write(to: dir.appendingPathComponent("test.yml"), atomically: true, encoding: .utf8)
        let run = try Promtool.run(["test", "rules", "test.yml"], in: dir)
        #expect(run.status == 0, "promtool disagrees:\n\(run.stdout)\n\(run.stderr)")
        // The scenario must exercise every state, or agreement proves little.
        #expect(alertTests.contains("exp_labels") && exprTests.contains("ALERTS_FOR_STATE{"))
    }
}
