import Model
import Notify
import Testing

/// default.tmpl's definitions rendered through the engine give the subjects and texts the
/// reference captured from Alertmanager 0.25 (notifications-spec §1, §2).
@Suite struct DefaultTemplatesTests {
    static func data(_ alerts: [Alert], group: Labels, receiver: String = "pd") -> TemplateData {
        TemplateData(receiver: receiver, groupLabels: group, alerts: alerts, externalURL: "http://am", now: Fixtures.startsAt)
    }

    static func render(_ source: String, _ data: TemplateData) throws -> String {
        try NotificationTemplates.defaults.render(source, data: data)
    }

    @Test func subjectAndLinkMatchTheReference() throws {
        let data = Self.data([Fixtures.dbDown("db1"), Fixtures.dbDown("db2")], group: Labels(["alertname": "DBDown"]))
        #expect(try Self.render(#"{{ template "__subject" . }}"#, data) == "[FIRING:2] DBDown (pd critical)")
        #expect(try Self.render(#"{{ template "__alertmanagerURL" . }}"#, data) == "http://am/#/alerts?receiver=pd")
    }

    @Test func sortedPairsPutAlertnameFirstAndKeepTheTrailingSpace() throws {
        let labels = Labels(["zone": "z", "alertname": "X", "app": "a"])
        let data = Self.data([Alert(labels: labels, startsAt: Fixtures.startsAt)], group: labels, receiver: "r")
        #expect(try Self.render(#"{{ template "slack.default.title" . }}"#, data) == "[FIRING:1] X a z ")
    }

    @Test func receiverIsQuotedMetaAndURLEscaped() throws {
        let data = Self.data([Fixtures.diskFull], group: Labels(["alertname": "DiskFull"]), receiver: "team.pager-1")
        #expect(try Self.render("{{ .Receiver }}", data) == #"team\.pager-1"#)
        #expect(try Self.render(#"{{ template "slack.default.titlelink" . }}"#, data) == "http://am/#/alerts?receiver=team%5C.pager-1")
    }

    @Test func textAlertListIsAlertmanagersInstancesText() throws {
        let data = Self.data([Fixtures.diskFull], group: Labels(["alertname": "DiskFull"]))
        let expected = """
            Labels:
             - alertname = DiskFull
             - instance = db1:9100
             - kind = slack
             - severity = critical
            Annotations:
             - description = 95% used
             - summary = Disk is full
            Source: http://prom:9090/graph?g0.expr=up

            """
        #expect(try Self.render(#"{{ template "pagerduty.default.instances" .Alerts.Firing }}"#, data) == expected)
        #expect(try Self.render(#"{{ template "pagerduty.default.instances" .Alerts.Resolved }}"#, data) == "")
    }

    @Test func resolvedGroupsSayResolvedWithoutACount() throws {
        var alert = Fixtures.diskFull
        alert.endsAt = Fixtures.startsAt
        let data = Self.data([alert], group: Labels(["alertname": "DiskFull"]))
        #expect(try Self.render(#"{{ template "__subject" . }}"#, data) == "[RESOLVED] DiskFull (db1:9100 slack critical)")
        #expect(try Self.render(#"{{ if eq .Status "firing" }}danger{{ else }}good{{ end }}"#, data) == "good")
    }
}
