@testable import Daemon
import Model
import Notify
import Rules
import Testing

/// Rules' alerts become Notify's as Prometheus's SendAlerts and relabelAlerts map them.
struct AlertsToNotifyTests {
    func rule() throws -> AlertingRule {
        let file = try RuleFileDecoder().decode("""
            groups:
              - name: g
                rules:
                  - alert: BinFull
                    expr: bin_util{zone="a b"}   >  90
            """, path: "r.yml")
        let group = RuleGroup(file.groups[0], file: "r.yml", defaultInterval: PromDuration(seconds: 60))
        return try #require(group.alertingRules.first)
    }

    @Test func firingAndResolvedAlertsMapLikePrometheus() throws {
        let rule = try rule()
        var firing = Rules.Alert(
            state: .firing, labels: Labels(["alertname": "BinFull", "site": "own"]), annotations: Labels(["summary": "s"]),
            value: 95, activeAt: Timestamp(milliseconds: 1000))
        firing.firedAt = Timestamp(milliseconds: 2000)
        firing.validUntil = Timestamp(milliseconds: 242_000)
        var resolved = firing
        resolved.state = .inactive
        resolved.labels = Labels(["alertname": "BinFull"])
        resolved.resolvedAt = Timestamp(milliseconds: 62_000)
        var pending = firing
        pending.state = .pending
        let out = AlertsToNotify.convert(
            [firing, resolved, pending], rule: rule, externalLabels: ["site": "dc1", "empty": "", "env": "prod"],
            externalURL: "http://binwatch:9099")
        try #require(out.count == 2)
        // An external label never overrides the alert's own; empty ones are not added.
        #expect(out[0].labels == Labels(["alertname": "BinFull", "site": "own", "env": "prod"]))
        #expect(out[0].startsAt == Timestamp(milliseconds: 2000))
        #expect(out[0].endsAt == Timestamp(milliseconds: 242_000))
        #expect(out[1].labels == Labels(["alertname": "BinFull", "site": "dc1", "env": "prod"]))
        #expect(out[1].endsAt == Timestamp(milliseconds: 62_000))
        #expect(out[1].annotations == Labels(["summary": "s"]))
        // The expression printed back from its parse, then url.QueryEscape'd.
        #expect(out[0].generatorURL == "http://binwatch:9099/graph?g0.expr=bin_util%7Bzone%3D%22a+b%22%7D+%3E+90&g0.tab=1")
    }

    @Test func queryEscapeMatchesGo() {
        #expect(AlertsToNotify.queryEscape("a-b_c.d~e f/g?h=i&j+k%ü") == "a-b_c.d~e+f%2Fg%3Fh%3Di%26j%2Bk%25%C3%BC")
    }
}
