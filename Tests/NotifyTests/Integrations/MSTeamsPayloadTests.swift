import Foundation
import Model
import Notify
import Testing

/// Microsoft Teams MessageCards as Alertmanager 0.26 builds them (`notify/msteams`: its
/// `teamsMessage` and `msteams_test.go`), against the card's documented fields
/// (https://learn.microsoft.com/en-us/outlook/actionable-messages/message-card-reference).
@Suite struct MSTeamsPayloadTests {
    func notifier(_ configure: (inout MSTeamsConfig) -> Void = { _ in }) -> MSTeamsNotifier {
        var config = MSTeamsConfig(webhookURL: Secret("https://example.webhook.office.com/webhookb2/TOKEN"))
        configure(&config)
        return MSTeamsNotifier(config: config, context: Fixtures.context("teams"))
    }

    @Test func firingCardIsRedWithTheDefaultTexts() throws {
        let body = try notifier().body([Fixtures.diskFull], group: Fixtures.slackGroup)
        #expect(body.hasPrefix(#"{"@context":"http://schema.org/extensions","type":"MessageCard","title":"[FIRING:1] DiskFull (db1:9100 slack critical)","text":""#))
        #expect(body.hasSuffix(#","themeColor":"8C1A1A"}"# + "\n"))
        let json = try #require(JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String])
        #expect(json["text"] == """


            # Alerts Firing:

            Labels:
              - alertname = DiskFull
              - instance = db1:9100
              - kind = slack
              - severity = critical

            Annotations:
              - description = 95% used
              - summary = Disk is full

            Source: http://prom:9090/graph?g0.expr=up





            """)
    }

    @Test func resolvedCardIsGreenAndFieldsAreTemplates() throws {
        var alert = Fixtures.diskFull
        alert.endsAt = Fixtures.startsAt + PromDuration(seconds: 60)
        let body = try notifier { $0.title = .template("{{ .Status }}"); $0.text = .literal("done") }
            .body([alert], group: Fixtures.slackGroup)
        #expect(body == #"{"@context":"http://schema.org/extensions","type":"MessageCard","title":"resolved","text":"done","themeColor":"2DC72D"}"# + "\n")
    }
}
