import Model
import Notify
import Testing

/// A stand-in for the daemon's Go-template renderer: understands `{{ .Status }}` and
/// `{{ .CommonLabels.<name> }}` only, and fails on anything else.
struct FakeTemplateRenderer: NotificationTemplateRenderer {
    func render(_ source: String, data: TemplateData) throws(TemplateRenderError) -> String {
        var out = source.replacing("{{ .Status }}", with: data.status.rawValue)
        for label in data.commonLabels { out = out.replacing("{{ .CommonLabels.\(label.name) }}", with: label.value) }
        if out.contains("{{") { throw TemplateRenderError(message: "unsupported template \(source)") }
        return out
    }
}

@Suite struct TemplateRendererTests {
    @Test func customTemplatesGoThroughTheRenderer() throws {
        var config = SlackConfig(apiURL: Secret("http://127.0.0.1:1/x"))
        config.title = TemplateString("{{ .Status }}: {{ .CommonLabels.alertname }}")
        config.text = TemplateString("plain text")
        let notifier = SlackNotifier(config: config, context: Fixtures.context("slack", renderer: FakeTemplateRenderer()))
        let body = try notifier.body([Fixtures.diskFull], group: Fixtures.slackGroup)
        #expect(body.contains(#""title":"firing: DiskFull""#))
        #expect(body.contains(#""text":"plain text""#))
    }

    @Test func rendererFailuresAreTemplateErrors() {
        var config = PagerDutyConfig(routingKey: Secret("k"))
        config.description = TemplateString("{{ .Unknown }}")
        let notifier = PagerDutyNotifier(config: config, context: Fixtures.context("pd", renderer: FakeTemplateRenderer()))
        #expect {
            _ = try notifier.body([Fixtures.dbDown("db1")], group: Fixtures.pdGroup)
        } throws: { error in
            (error as? NotifyError)?.kind == .template && !((error as? NotifyError)?.isRetryable ?? true)
        }
    }

    @Test func defaultTemplatesRenderTheReferenceSubjects() {
        let a = Fixtures.dbDown("db1"), b = Fixtures.dbDown("db2")
        let data = TemplateData(
            receiver: "pd", groupLabels: Labels(["alertname": "DBDown"]), alerts: [a, b], externalURL: "http://am",
            now: Fixtures.startsAt)
        #expect(DefaultTemplates.subject(data) == "[FIRING:2] DBDown (pd critical)")
        #expect(DefaultTemplates.alertmanagerURL(data) == "http://am/#/alerts?receiver=pd")
        // alertname sorts first in SortedPairs, the rest by name.
        let odd = TemplateData(
            receiver: "r", groupLabels: Labels(["zone": "z", "alertname": "X", "app": "a"]),
            alerts: [Alert(labels: Labels(["zone": "z", "alertname": "X", "app": "a"]), startsAt: Fixtures.startsAt)],
            externalURL: "", now: Fixtures.startsAt)
        #expect(DefaultTemplates.subject(odd) == "[FIRING:1] X a z ")
    }
}
