@testable import Daemon
import Foundation
import Model
import Notify
import NotifyTesting
import Testing

/// `alerting.alertmanagers`: each evaluation's due alerts reach a real Alertmanager 0.25
/// (Debian's, clustering off) as Prometheus sends them: external labels added, endsAt =
/// ts + 4 × max(interval, resend_delay) while firing, the resolution time once resolved.
/// Alertmanager judges times on its wall clock, so the cycles run at the real time.
@Suite(.serialized, .enabled(if: AlertmanagerProcess.isInstalled, "prometheus-alertmanager is not installed"))
struct AlertmanagerForwardTests {
    static func wallClock() -> Timestamp { Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000)) }

    static func millis(_ text: Any?) -> Int64? {
        guard let text = text as? String else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text).map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
    }

    @Test func firingThenResolvedAsPrometheusForwards() async throws {
        let receiver = try LocalReceiver()
        defer { receiver.stop() }
        let am = try await AlertmanagerProcess(config: "route: {receiver: x}\nreceivers: [{name: x}]\n")
        defer { am.stop() }
        let setup = try NotificationsWorkspace(
            receiver: receiver.url, hookURL: receiver.url + "/hook", alertmanagers: ["127.0.0.1:\(am.port)"])
        defer { setup.remove() }
        let start = Self.wallClock()
        let clock = NotifyTesting.ManualClock(start: start)
        let (scheduler, _) = try await setup.start(clock: clock)

        await setup.cycle(scheduler, clock: clock, at: start)
        let listed = try await am.alerts()
        let found = try #require(listed.first { ($0["labels"] as? [String: String])?["alertname"] == "BinFull" })
        #expect(found["labels"] as? [String: String] == ["alertname": "BinFull", "bin": "A1", "severity": "page", "site": "dc1"])
        #expect(found["annotations"] as? [String: String] == ["summary": "bin A1 at 95%"])
        #expect(Self.millis(found["startsAt"]) == start.milliseconds)
        #expect(Self.millis(found["endsAt"]) == start.milliseconds + 4 * 60_000, "ts + 4 × max(1m interval, 1m resend_delay)")
        #expect(found["generatorURL"] as? String == "http://binwatch.test/graph?g0.expr=bin_util+%3E+90&g0.tab=1")
        #expect(found["fingerprint"] as? String == Labels(["alertname": "BinFull", "bin": "A1", "severity": "page", "site": "dc1"]).fingerprintHex)

        try setup.setUtilization(50)
        let resolvedAt = Self.wallClock()
        await setup.cycle(scheduler, clock: clock, at: resolvedAt)
        // Resolved (endsAt = the evaluation that cleared it, now past): no longer listed.
        #expect(try await am.alerts().first { ($0["labels"] as? [String: String])?["alertname"] == "BinFull" } == nil)
    }
}
