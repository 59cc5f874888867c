import Foundation
import Model
import Notify
import Testing

@Suite struct WebhookPayloadTests {
    func notifier(maxAlerts: Int = 0, receiver: String = "web") -> WebhookNotifier {
        var config = WebhookConfig(url: Secret("http://127.0.0.1:1/hook"))
        config.maxAlerts = maxAlerts
        return WebhookNotifier(config: config, context: Fixtures.context(receiver))
    }

    @Test func firingBodyIsByteIdenticalToAlertmanagers() {
        // notifications-spec §3, with the elided common labels written out.
        let labels = #"{"alertname":"DiskFull","instance":"db1:9100","kind":"slack","severity":"critical"}"#
        let expected = #"{"receiver":"web","status":"firing","alerts":[{"status":"firing","labels":"#
            + labels
            + #","annotations":{"description":"95% used","summary":"Disk is full"},"startsAt":"2026-11-23T11:22:40Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prom:9090/graph?g0.expr=up","fingerprint":"46e8cf88387f56e4"}],"groupLabels":{"alertname":"DiskFull"},"commonLabels":"#
            + labels
            + #","commonAnnotations":{"description":"95% used","summary":"Disk is full"},"externalURL":"http://127.0.0.1:19093","version":"4","groupKey":"{}/{kind=\"slack\"}:{alertname=\"DiskFull\"}","truncatedAlerts":0}"#
            + "\n"
        #expect(notifier().body([Fixtures.diskFull], group: Fixtures.slackGroup) == expected)
    }

    @Test func resolvedCarriesRealEndsAtAndQuotedReceiver() throws {
        var alert = Fixtures.diskFull
        alert.endsAt = Timestamp(milliseconds: 1_795_432_978_500)
        let body = notifier(receiver: "team.pager-1").body([alert], group: Fixtures.slackGroup)
        let json = try #require(JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        #expect(json["receiver"] as? String == "team\\.pager-1")
        #expect(json["status"] as? String == "resolved")
        let first = try #require((json["alerts"] as? [[String: Any]])?.first)
        #expect(first["endsAt"] as? String == "2026-11-23T11:22:58.5Z")
        #expect(first["status"] as? String == "resolved")
    }

    @Test func maxAlertsTruncatesBeforeCommonLabels() throws {
        let alerts = (1...3).map {
            Alert(labels: Labels(["alertname": "Many", "i": "\($0)", "kind": "many"]), startsAt: Fixtures.startsAt)
        }
        let body = notifier(maxAlerts: 1).body(alerts, group: GroupKey(routeKey: "{}", groupLabels: Labels(["alertname": "Many"])))
        let json = try #require(JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        #expect(json["truncatedAlerts"] as? Int == 2)
        #expect((json["alerts"] as? [Any])?.count == 1)
        #expect(json["commonLabels"] as? [String: String] == ["alertname": "Many", "i": "1", "kind": "many"])
        #expect(json["commonAnnotations"] as? [String: String] == [:])
        let first = try #require((json["alerts"] as? [[String: Any]])?.first)
        #expect(first["fingerprint"] as? String == "cd0d2a86dd26d6ac")
        #expect(first["generatorURL"] as? String == "")
    }

    @Test func alertmanagerAPIBody() throws {
        var alert = Fixtures.diskFull
        alert.endsAt = Timestamp(milliseconds: 1_795_433_200_000)
        let body = AlertmanagerNotifier.body([alert])
        #expect(body == #"[{"labels":{"alertname":"DiskFull","instance":"db1:9100","kind":"slack","severity":"critical"},"annotations":{"description":"95% used","summary":"Disk is full"},"startsAt":"2026-11-23T11:22:40.000Z","endsAt":"2026-11-23T11:26:40.000Z","generatorURL":"http://prom:9090/graph?g0.expr=up"}]"#)
    }
}
