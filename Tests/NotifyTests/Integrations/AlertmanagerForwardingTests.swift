import Foundation
import HTTPClient
import Model
import Notify
import NotifyTesting
import Testing
import TestSupport

/// Forwarding to a real Alertmanager 0.25 (Debian's), clustering off.
@Suite(.serialized, .enabled(if: AlertmanagerProcess.isInstalled, "prometheus-alertmanager is not installed"))
struct AlertmanagerForwardingTests {
    static func nowMillis() -> Timestamp { Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000)) }

    @Test func forwardedAlertsShowInAPIAndResolve() async throws {
        let hook = try LocalReceiver()
        let am = try await AlertmanagerProcess(config: """
            route: {receiver: hook, group_by: [alertname], group_wait: 1s, group_interval: 1s, repeat_interval: 1h}
            receivers: [{name: hook, webhook_configs: [{url: '\(hook.url)/am'}]}]
            """)
        defer { am.stop() }
        let forwarder = AlertmanagerNotifier(
            config: AlertmanagerConfig(targets: ["127.0.0.1:\(am.port)"]), transport: CurlHTTPClient())
        let now = Self.nowMillis()
        let labels = Labels(["alertname": "BinwatchForwarded", "facility": "plant-1", "severity": "warning"])
        var alert = Alert(
            labels: labels, annotations: Labels(["summary": "forwarded by binwatch"]),
            startsAt: now - PromDuration(seconds: 60), endsAt: now + PromDuration(seconds: 240),
            generatorURL: "http://binwatch:9464/graph?g0.expr=up&g0.tab=1")
        #expect(await forwarder.send([alert]).isEmpty)

        let listed = try await am.alerts()
        let found = try #require(listed.first { ($0["labels"] as? [String: String])?["alertname"] == "BinwatchForwarded" })
        #expect(found["labels"] as? [String: String] == ["alertname": "BinwatchForwarded", "facility": "plant-1", "severity": "warning"])
        #expect(found["annotations"] as? [String: String] == ["summary": "forwarded by binwatch"])
        #expect(found["endsAt"] as? String == RFC3339.millis(alert.endsAt!))
        #expect(found["startsAt"] as? String == RFC3339.millis(alert.startsAt))
        #expect(found["generatorURL"] as? String == alert.generatorURL)
        #expect(found["fingerprint"] as? String == labels.fingerprintHex)
        #expect((found["status"] as? [String: Any])?["state"] as? String == "active")

        // Resolve: endsAt = resolution time. AM stops listing it and notifies its receiver.
        alert.endsAt = Self.nowMillis()
        #expect(await forwarder.send([alert]).isEmpty)
        var resolvedBody: [String: Any]?
        // Alertmanager runs on its own wall clock: poll its webhook output.
        _ = try await eventually {
            for request in try await hook.requests() where request.path == "/am" {
                let json = try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any]
                if json?["status"] as? String == "resolved" { resolvedBody = json }
            }
            return resolvedBody != nil
        }
        let body = try #require(resolvedBody)
        let resolvedAlert = try #require((body["alerts"] as? [[String: Any]])?.first)
        #expect(resolvedAlert["endsAt"] as? String == RFC3339.nano(alert.endsAt!))
        #expect(resolvedAlert["fingerprint"] as? String == labels.fingerprintHex)
        #expect(try await am.alerts().first { ($0["labels"] as? [String: String])?["alertname"] == "BinwatchForwarded" } == nil)
    }

    @Test func invalidAlertIsAReportedNonRetryable400() async throws {
        let am = try await AlertmanagerProcess(config: "route: {receiver: x}\nreceivers: [{name: x}]\n")
        defer { am.stop() }
        let forwarder = AlertmanagerNotifier(
            config: AlertmanagerConfig(targets: ["127.0.0.1:\(am.port)"]), transport: CurlHTTPClient())
        let bad = Alert(labels: Labels(["1bad": "x"]), startsAt: Self.nowMillis())
        let errors = await forwarder.send([bad])
        #expect(errors.count == 1)
        #expect(errors.first?.statusCode == 400)
        #expect(errors.first?.isRetryable == false)
        #expect(errors.first?.message.contains("invalid label set") == true)
    }
}
