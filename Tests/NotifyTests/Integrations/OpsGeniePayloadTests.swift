import Foundation
import HTTPClient
import Model
import Notify
import Testing

/// OpsGenie Alert API v2 requests as Alertmanager 0.25 builds them, checked against the
/// API's documented create/close/update schema (https://docs.opsgenie.com/docs/alert-api).
@Suite struct OpsGeniePayloadTests {
    static let key = "og-api-key-0123456789"

    func notifier(_ configure: (inout OpsGenieConfig) -> Void = { _ in }) -> OpsGenieNotifier {
        var config = OpsGenieConfig(apiKey: Secret(Self.key))
        configure(&config)
        return OpsGenieNotifier(config: config, context: Fixtures.context("og"))
    }

    func json(_ body: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    }

    @Test func createCarriesAliasMessageDetailsAndSource() throws {
        let requests = try notifier().requests([Fixtures.diskFull], group: Fixtures.slackGroup)
        #expect(requests.count == 1)
        let create = try #require(requests.first)
        #expect(create.method == .post && create.url == "https://api.opsgenie.com/v2/alerts")
        #expect(create.contentType == "application/json" && create.body.hasSuffix("}\n"))
        // Go's struct field order, and `details` written even when empty.
        #expect(create.body.hasPrefix(#"{"alias":"\#(Fixtures.slackGroup.hash)","message":"#))
        let body = try json(create.body)
        #expect(body["message"] as? String == "[FIRING:1] DiskFull (db1:9100 slack critical)")
        #expect(body["source"] as? String == "http://127.0.0.1:19093/#/alerts?receiver=og")
        #expect(body["details"] as? [String: String] == [
            "alertname": "DiskFull", "instance": "db1:9100", "kind": "slack", "severity": "critical",
        ])
        let description = try #require(body["description"] as? String)
        #expect(description.hasPrefix("95% used Disk is full\nAlerts Firing:\nLabels:\n - alertname = DiskFull\n"))
        #expect(description.contains("Source: http://prom:9090/graph?g0.expr=up\n"))
        #expect(!description.contains("Alerts Resolved"))
        // The schema's optional fields are omitted when empty.
        #expect(Set(body.keys) == ["alias", "message", "description", "details", "source"])
    }

    @Test func optionalFieldsRespondersAndTags() throws {
        let requests = try notifier {
            $0.details = ["team": .literal("wms"), "severity": .template("{{ .CommonLabels.severity | toUpper }}")]
            $0.tags = .literal("a, b,,c ")
            $0.actions = .literal("restart,page")
            $0.note = .literal("see runbook")
            $0.priority = .template(#"{{ if eq .CommonLabels.severity "critical" }}P1{{ else }}P3{{ end }}"#)
            $0.entity = .literal("db1")
            $0.responders = [
                .init(name: .literal("ops, wms"), type: .literal("teams")),
                .init(id: .literal("4513b7ea"), type: .literal("Team")),
                .init(username: .template("{{ .CommonLabels.owner }}"), type: .literal("user")),
                .init(name: .template("{{ .CommonLabels.nope }}"), type: .template("{{ .CommonLabels.nope }}")),
            ]
        }.requests([Fixtures.diskFull], group: Fixtures.slackGroup)
        let body = try json(try #require(requests.first).body)
        let details = try #require(body["details"] as? [String: String])
        #expect(details["team"] == "wms" && details["severity"] == "CRITICAL" && details["alertname"] == "DiskFull")
        #expect(body["tags"] as? [String] == ["a", " b", "c"])
        #expect(body["actions"] as? [String] == ["restart", "page"])
        #expect(body["note"] as? String == "see runbook" && body["priority"] as? String == "P1" && body["entity"] as? String == "db1")
        // `teams` becomes one `team` per name; the type is sent as written; an all-empty responder is dropped.
        let responders = try #require(body["responders"] as? [[String: String]])
        #expect(responders == [
            ["name": "ops", "type": "team"], ["name": " wms", "type": "team"], ["id": "4513b7ea", "type": "Team"],
            ["type": "user"],
        ])
    }

    @Test func messageIsCutTo130Runes() throws {
        let long = Alert(labels: Labels(["alertname": String(repeating: "é", count: 300)]), startsAt: Fixtures.startsAt)
        let requests = try notifier().requests([long], group: GroupKey(routeKey: "{}", groupLabels: long.labels))
        let create = try #require(requests.first)
        let message = try #require(try json(create.body)["message"] as? String)
        #expect(message.unicodeScalars.count == 130 && message.hasSuffix("é…"))
    }

    @Test func resolvedClosesByAlias() throws {
        var alert = Fixtures.diskFull
        alert.endsAt = Fixtures.startsAt + PromDuration(seconds: 60)
        let requests = try notifier { $0.updateAlerts = true }.requests([alert], group: Fixtures.slackGroup)
        #expect(requests.count == 1)
        let close = try #require(requests.first)
        #expect(close.method == .post)
        #expect(close.url == "https://api.opsgenie.com/v2/alerts/\(Fixtures.slackGroup.hash)/close?identifierType=alias")
        #expect(close.body == #"{"source":"http://127.0.0.1:19093/#/alerts?receiver=og"}"# + "\n")
    }

    @Test func updateAlertsAddsTwoPuts() throws {
        let requests = try notifier { $0.updateAlerts = true; $0.apiURL = "http://og.local/api/" }
            .requests([Fixtures.diskFull], group: Fixtures.slackGroup)
        #expect(requests.map(\.method) == [.post, .put, .put])
        let alias = Fixtures.slackGroup.hash
        #expect(requests.map(\.url) == [
            "http://og.local/api/v2/alerts", "http://og.local/api/v2/alerts/\(alias)/message?identifierType=alias",
            "http://og.local/api/v2/alerts/\(alias)/description?identifierType=alias",
        ])
        let create = try json(requests[0].body)
        let message = try #require(create["message"] as? String)
        let description = try #require(create["description"] as? String)
        let updates = try requests.dropFirst().map { try json($0.body) as? [String: String] }
        #expect(updates == [["message": message], ["description": description]])
    }
}
