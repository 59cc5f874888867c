import Foundation
import Model
import Notify
import Testing

@Suite struct SlackPayloadTests {
    func notifier(_ configure: (inout SlackConfig) -> Void = { _ in }, receiver: String = "slack") -> SlackNotifier {
        var config = SlackConfig(apiURL: Secret("https://hooks.slack.com/services/T0/B0/XYZ"))
        config.channel = .literal("#alerts")
        configure(&config)
        return SlackNotifier(config: config, context: Fixtures.context(receiver))
    }

    @Test func firingBodyIsByteIdenticalToAlertmanagers() throws {
        // notifications-spec §1, the body captured from Alertmanager 0.25.
        let expected = ##"{"channel":"#alerts","username":"Alertmanager","attachments":[{"title":"[FIRING:1] DiskFull (db1:9100 slack critical)","title_link":"http://127.0.0.1:19093/#/alerts?receiver=slack","text":"","fallback":"[FIRING:1] DiskFull (db1:9100 slack critical) | http://127.0.0.1:19093/#/alerts?receiver=slack","callback_id":"","footer":"","color":"danger","mrkdwn_in":["fallback","pretext","text"]}]}"##
            + "\n"
        #expect(try notifier().body([Fixtures.diskFull], group: Fixtures.slackGroup) == expected)
    }

    @Test func resolvedIsGoodAndSubjectSaysResolved() throws {
        var resolved = Fixtures.diskFull
        resolved.endsAt = Fixtures.startsAt + PromDuration(seconds: 60)
        let body = try notifier().body([resolved], group: Fixtures.slackGroup)
        let json = try #require(JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let attachment = try #require((json["attachments"] as? [[String: Any]])?.first)
        #expect(attachment["title"] as? String == "[RESOLVED] DiskFull (db1:9100 slack critical)")
        #expect(attachment["color"] as? String == "good")
    }

    @Test func subjectHasTrailingSpaceWithoutExtraCommonLabels() throws {
        let solo = Alert(labels: Labels(["alertname": "Solo"]), startsAt: Fixtures.startsAt)
        let group = GroupKey(routeKey: "{}", groupLabels: Labels(["alertname": "Solo"]))
        let body = try notifier().body([solo], group: group)
        let json = try #require(JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let attachment = try #require((json["attachments"] as? [[String: Any]])?.first)
        #expect(attachment["title"] as? String == "[FIRING:1] Solo ")
        #expect(attachment["fallback"] as? String == "[FIRING:1] Solo  | http://127.0.0.1:19093/#/alerts?receiver=slack")
    }

    @Test func receiverNameIsQuoteMetaThenURLEscaped() throws {
        let body = try notifier(receiver: "team.pager-1").body([Fixtures.diskFull], group: Fixtures.slackGroup)
        #expect(body.contains("receiver=team%5C.pager-1"))
    }

    @Test func titleTruncatedTo1024Runes() throws {
        let long = Alert(labels: Labels(["alertname": String(repeating: "é", count: 1100)]), startsAt: Fixtures.startsAt)
        let group = GroupKey(routeKey: "{}", groupLabels: long.labels)
        let body = try notifier().body([long], group: group)
        let json = try #require(JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let title = try #require((json["attachments"] as? [[String: Any]])?.first?["title"] as? String)
        #expect(title.unicodeScalars.count == 1024)
        #expect(title.utf8.count == 11 + 2 * 1012 + 3)  // "[FIRING:1] ", 1012 × é, "…"
        #expect(title.hasSuffix("é…"))
        // Only the title is truncated.
        let fallback = try #require((json["attachments"] as? [[String: Any]])?.first?["fallback"] as? String)
        #expect(fallback.unicodeScalars.count > 1100)
    }

    @Test func fieldsAndShortDefault() throws {
        let body = try notifier { config in
            config.fields = [
                SlackConfig.Field(title: .literal("Env"), value: .literal("prod"), short: nil),
                SlackConfig.Field(title: .literal("Team"), value: .literal("wms"), short: false),
            ]
            config.shortFields = true
        }.body([Fixtures.diskFull], group: Fixtures.slackGroup)
        #expect(body.contains(#""fields":[{"title":"Env","value":"prod","short":true},{"title":"Team","value":"wms","short":false}]"#))
    }

    @Test func htmlCharactersEscapedAsGoDoes() throws {
        let alert = Alert(labels: Labels(["alertname": "A<b>&c"]), startsAt: Fixtures.startsAt)
        let body = try notifier().body([alert], group: GroupKey(routeKey: "{}", groupLabels: alert.labels))
        #expect(body.contains(#"A\u003cb\u003e\u0026c"#))
    }
}
