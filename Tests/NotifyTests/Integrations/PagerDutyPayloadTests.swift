import Foundation
import Model
import Notify
import Testing

@Suite struct PagerDutyPayloadTests {
    static let key = "0123456789abcdef0123456789abcdef"

    func notifier(_ configure: (inout PagerDutyConfig) -> Void = { _ in }) -> PagerDutyNotifier {
        var config = PagerDutyConfig(routingKey: Secret(Self.key))
        configure(&config)
        return PagerDutyNotifier(config: config, context: Fixtures.context("pd"))
    }

    func decode(_ body: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    }

    @Test func triggerMatchesCapturedBodyFieldByField() throws {
        let json = try decode(try notifier().body([Fixtures.dbDown("db1"), Fixtures.dbDown("db2")], group: Fixtures.pdGroup))
        #expect(json["routing_key"] as? String == Self.key)
        #expect(json["dedup_key"] as? String == "95e1fc9d35848783e6b84ad177ecea6deb47b62045ffda8b9fe679bfb44f59f9")
        #expect(json["event_action"] as? String == "trigger")
        #expect(json["client"] as? String == "Alertmanager")
        #expect(json["client_url"] as? String == "http://127.0.0.1:19093/#/alerts?receiver=pd")
        let payload = try #require(json["payload"] as? [String: Any])
        #expect(payload["summary"] as? String == "[FIRING:2] DBDown (pd critical)")
        #expect(payload["source"] as? String == "Alertmanager")
        #expect(payload["severity"] as? String == "error")
        #expect(payload["timestamp"] == nil)
        #expect(payload["class"] == nil)
        let details = try #require(payload["custom_details"] as? [String: String])
        #expect(details["num_firing"] == "2")
        #expect(details["num_resolved"] == "0")
        #expect(details["resolved"] == "")
        #expect(details["firing"] == """
            Labels:
             - alertname = DBDown
             - instance = db1
             - kind = pd
             - severity = critical
            Annotations:
             - summary = DB down
            Source: http://prom:9090/graph
            Labels:
             - alertname = DBDown
             - instance = db2
             - kind = pd
             - severity = critical
            Annotations:
             - summary = DB down
            Source: http://prom:9090/graph

            """)
        #expect(Set(json.keys) == ["routing_key", "dedup_key", "event_action", "payload", "client", "client_url"])
    }

    @Test func resolveOnlyWhenAllResolved() throws {
        var a = Fixtures.dbDown("db1"), b = Fixtures.dbDown("db2")
        a.endsAt = Fixtures.startsAt + PromDuration(seconds: 30)
        let partial = try decode(try notifier().body([a, b], group: Fixtures.pdGroup))
        #expect(partial["event_action"] as? String == "trigger")
        b.endsAt = Fixtures.startsAt + PromDuration(seconds: 40)
        let json = try decode(try notifier().body([a, b], group: Fixtures.pdGroup))
        #expect(json["event_action"] as? String == "resolve")
        #expect(json["dedup_key"] as? String == "95e1fc9d35848783e6b84ad177ecea6deb47b62045ffda8b9fe679bfb44f59f9")
        let payload = try #require(json["payload"] as? [String: Any])
        #expect(payload["summary"] as? String == "[RESOLVED] DBDown (pd critical)")
        let details = try #require(payload["custom_details"] as? [String: String])
        #expect(details["num_firing"] == "0")
        #expect(details["num_resolved"] == "2")
        #expect(json["client_url"] as? String == "http://127.0.0.1:19093/#/alerts?receiver=pd")
    }

    @Test func summaryTruncatedAndDetailsMerged() throws {
        let long = Alert(labels: Labels(["alertname": String(repeating: "x", count: 2000)]), startsAt: Fixtures.startsAt)
        let json = try decode(try notifier { $0.details = ["team": .literal("wms"), "num_firing": .literal("n/a")]; $0.severity = .literal("critical") }
            .body([long], group: GroupKey(routeKey: "{}", groupLabels: long.labels)))
        let payload = try #require(json["payload"] as? [String: Any])
        let summary = try #require(payload["summary"] as? String)
        #expect(summary.unicodeScalars.count == 1024)
        #expect(summary.hasSuffix("x…"))
        #expect(payload["severity"] as? String == "critical")
        let details = try #require(payload["custom_details"] as? [String: String])
        #expect(details["team"] == "wms")
        #expect(details["num_firing"] == "n/a")
        #expect(details["resolved"] == "")
    }

    @Test func oversizedEventDropsCustomDetails() throws {
        let big = Alert(
            labels: Labels(["alertname": "Big"]), annotations: Labels(["d": String(repeating: "y", count: 600_000)]),
            startsAt: Fixtures.startsAt)
        let body = try notifier().body([big], group: GroupKey(routeKey: "{}", groupLabels: Labels(["alertname": "Big"])))
        let payload = try #require(try decode(body)["payload"] as? [String: Any])
        #expect(payload["custom_details"] as? [String: String] == [
            "error": "Custom details have been removed because the original event exceeds the maximum size of 512KB"
        ])
    }
}
