import Foundation
import HTTPClient
import Model
import Notify
import Testing

/// VictorOps (Splunk On-Call) REST integration requests as Alertmanager 0.25 makes them,
/// checked against the REST endpoint's documented fields
/// (https://help.victorops.com/knowledge-base/rest-endpoint-integration-guide/).
@Suite struct VictorOpsPayloadTests {
    static let key = "vo-rest-key-3d6a"

    func notifier(_ configure: (inout VictorOpsConfig) -> Void = { _ in }) -> VictorOpsNotifier {
        var config = VictorOpsConfig(apiKey: Secret(Self.key), routingKey: .template("{{ .CommonLabels.kind }}-team"))
        configure(&config)
        return VictorOpsNotifier(config: config, context: Fixtures.context("vo"))
    }

    func body(_ request: IntegrationRequest) throws -> [String: String] {
        try #require(JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: String])
    }

    @Test func criticalWithTheGroupAsEntity() throws {
        let request = try notifier().request([Fixtures.diskFull], group: Fixtures.slackGroup)
        #expect(request.method == .post && request.contentType == "application/json")
        #expect(request.url == "https://alert.victorops.com/integrations/generic/20131114/alert/\(Self.key)/slack-team")
        // A Go map[string]string: keys sorted.
        #expect(request.body.hasPrefix(#"{"entity_display_name":"[FIRING:1] DiskFull (db1:9100 slack critical)","entity_id":""#))
        let json = try body(request)
        #expect(json["message_type"] == "CRITICAL" && json["entity_id"] == Fixtures.slackGroup.hash)
        #expect(json["monitoring_tool"] == "Alertmanager")
        #expect(json["state_message"]?.hasPrefix("95% used Disk is full\nAlerts Firing:\nLabels:\n") == true)
        #expect(Set(json.keys) == ["message_type", "entity_id", "entity_display_name", "state_message", "monitoring_tool"])
    }

    @Test func messageTypesAndCustomFields() throws {
        let warning = try body(try notifier {
            $0.messageType = .literal("WARNING")
            $0.customFields = ["site": .literal("plant-1"), "summary": .template("{{ .CommonAnnotations.summary }}")]
        }.request([Fixtures.diskFull], group: Fixtures.slackGroup))
        #expect(warning["message_type"] == "WARNING" && warning["site"] == "plant-1" && warning["summary"] == "Disk is full")
        // A type VictorOps does not know is sent as CRITICAL; resolved is always RECOVERY.
        let unknown = try body(try notifier { $0.messageType = .literal("warning") }.request([Fixtures.diskFull], group: Fixtures.slackGroup))
        #expect(unknown["message_type"] == "CRITICAL")
        var resolved = Fixtures.diskFull
        resolved.endsAt = Fixtures.startsAt + PromDuration(seconds: 60)
        let recovery = try body(try notifier { $0.messageType = .literal("INFO") }.request([resolved], group: Fixtures.slackGroup))
        #expect(recovery["message_type"] == "RECOVERY" && recovery["entity_id"] == Fixtures.slackGroup.hash)
        #expect(recovery["state_message"]?.contains("Alerts Resolved:\n") == true)
    }
}
