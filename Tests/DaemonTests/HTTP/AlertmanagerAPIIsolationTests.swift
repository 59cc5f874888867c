@testable import Daemon
import Foundation
import Model
import NotifyTesting
import Rules
import Testing

/// Issue 16's rule for the Alertmanager API: its clients never hold up alerting. While 40
/// clients read alerts, groups and silences and write silences in a loop, a new alert
/// becomes due; it must become active within one cycle of the first gathering slot that
/// sees its data, and every client request must get an answer.
@Suite(.serialized) struct AlertmanagerAPIIsolationTests {
    @Test func alertBecomesActiveOnTimeWhileClientsHammerTheAPI() async throws {
        try await LoadTurn.shared.run { try await self.alertBecomesActiveOnTimeWhileClientsHammerTheAPIAlone() }
    }

    func alertBecomesActiveOnTimeWhileClientsHammerTheAPIAlone() async throws {
        let daemon = try await AmtoolDaemon.start()
        defer { daemon.stop() }
        try await LiveDaemon.waitFor("the first alerts") {
            try await daemon.request("/api/v2/alerts").1.contains("BinFull")
        }

        let stop = CancelFlag()
        let paths = ["/api/v2/alerts", "/api/v2/alerts/groups?filter=alertname%3D%22BinFull%22", "/api/v2/silences",
                     "/api/v2/status"]
        let clients = (0..<40).map { index in
            Task {
                var statuses: Set<Int> = []
                var answered = 0
                while !stop.isSet {
                    let answer: (Int, String)?
                    if index % 10 == 0 {
                        // A writer: a silence for a label no alert has.
                        let starts = RFC3339Text.now(offsetSeconds: 0), ends = RFC3339Text.now(offsetSeconds: 600)
                        answer = try? await daemon.request("/api/v2/silences", method: .post, json: """
                            {"matchers":[{"name":"load","value":"\(index)","isRegex":false}],"startsAt":"\(starts)",
                             "endsAt":"\(ends)","createdBy":"load","comment":"x"}
                            """)
                    } else {
                        answer = try? await daemon.request(paths[index % paths.count])
                    }
                    guard let (status, _) = answer else { break }
                    statuses.insert(status)
                    answered += 1
                }
                return (statuses, answered)
            }
        }
        try await daemon.waitCycles(2)

        // A second bin fills up now: its alert must be active at the first slot that reads it.
        let due = daemon.scheduler.now()
        try daemon.workspace.write("data.prom", "bin_util{bin=\"A1\"} 95\nbin_util{bin=\"A2\"} 97\n")
        try await LiveDaemon.waitFor("the new alert") {
            daemon.scheduler.readView.load().alerts.contains { $0.labels["bin"] == "A2" && $0.labels["alertname"] == "BinFull" }
        }
        let alert = try #require(daemon.scheduler.readView.load().alerts.first { $0.labels["bin"] == "A2" && $0.labels["alertname"] == "BinFull" })
        #expect(alert.activeAt.milliseconds <= due.milliseconds + 2_000,
                "active at slot \(alert.activeAt), \(alert.activeAt.milliseconds - due.milliseconds) ms after due")
        // And it reaches the API's copy and the webhook while the load goes on.
        try await LiveDaemon.waitFor("the new alert over the API") {
            try await daemon.request("/api/v2/alerts?filter=bin%3D%22A2%22").1.contains("\"bin\":\"A2\"")
        }
        try await LiveDaemon.waitFor("its notification") {
            try await daemon.deliveries("/pager").contains { $0.body.contains("\"bin\":\"A2\"") }
        }
        stop.set()

        let (statuses, answered) = await LiveDaemon.tally(clients)
        #expect(statuses == [200], "clients got \(statuses)")
        #expect(answered >= 40)
    }
}
