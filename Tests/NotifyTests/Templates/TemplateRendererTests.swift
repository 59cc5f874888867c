import Model
import Notify
import Testing

/// A renderer that fails every template, to show errors surface as non-retryable template errors.
struct FailingRenderer: NotificationTemplateRenderer {
    func render(_ source: String, data: TemplateData) throws(TemplateRenderError) -> String {
        throw TemplateRenderError(message: "refused \(source)")
    }
}

@Suite struct TemplateRendererTests {
    @Test func customTemplatesGoThroughTheEngine() throws {
        var config = SlackConfig(apiURL: Secret("http://127.0.0.1:1/x"))
        config.title = TemplateString("{{ .Status }}: {{ .CommonLabels.alertname }}")
        config.text = TemplateString("plain text")
        let notifier = SlackNotifier(config: config, context: Fixtures.context("slack"))
        let body = try notifier.body([Fixtures.diskFull], group: Fixtures.slackGroup)
        #expect(body.contains(#""title":"firing: DiskFull""#))
        #expect(body.contains(#""text":"plain text""#))
    }

    @Test func executionFailuresAreTemplateErrors() {
        var config = PagerDutyConfig(routingKey: Secret("k"))
        config.description = TemplateString("{{ .Unknown }}")
        let notifier = PagerDutyNotifier(config: config, context: Fixtures.context("pd"))
        #expect {
            _ = try notifier.body([Fixtures.dbDown("db1")], group: Fixtures.pdGroup)
        } throws: { error in
            guard let error = error as? NotifyError else { return false }
            return error.kind == .template && !error.isRetryable
                && error.message == #"template: template: :1:3: executing "" at <.Unknown>: can't evaluate field Unknown in type *template.Data"#
        }
    }

    @Test func aSuppliedRendererReplacesTheEngine() {
        let notifier = SlackNotifier(
            config: SlackConfig(apiURL: Secret("http://127.0.0.1:1/x")), context: Fixtures.context("s", renderer: FailingRenderer()))
        #expect(throws: NotifyError.self) { _ = try notifier.body([Fixtures.diskFull], group: Fixtures.slackGroup) }
    }
}
