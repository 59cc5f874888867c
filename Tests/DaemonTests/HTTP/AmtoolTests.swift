@testable import Daemon
import Foundation
import Notify
import NotifyTesting
import TestSupport
import Testing

/// The real `amtool` 0.25 against a running daemon's Alertmanager API: silences added,
/// queried and expired by amtool mute and unmute the webhook notifications of the running
/// dispatcher; alerts and config as amtool reads them. Real time, bounded by polling
/// deadlines; "nothing new" is judged over a count of the daemon's own cycles.
@Suite(.serialized, .enabled(if: AmtoolDaemon.isInstalled, "amtool (prometheus-alertmanager) is not installed"))
struct AmtoolTests {
    static func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    static func objects(_ text: String) throws -> [[String: Any]] {
        try #require(try json(text) as? [[String: Any]], "a JSON array of objects: \(text)")
    }

    static func alertnames(_ alerts: [[String: Any]]) -> [String] {
        alerts.compactMap { ($0["labels"] as? [String: String])?["alertname"] }.sorted()
    }

    @Test func silenceAddedByAmtoolMutesTheWebhookUntilExpired() async throws {
        let daemon = try await AmtoolDaemon.start()
        defer { daemon.stop() }
        try await LiveDaemon.waitFor("the first BinFull notification") { try await !daemon.deliveries("/hook").isEmpty }
        let first = try await daemon.deliveries("/hook")
        #expect(first.allSatisfy { $0.body.contains("\"alertname\":\"BinFull\"") }, "BinWarm is inhibited: \(first.map(\.body))")
        // BinWarm is handed over just after BinFull, in the same cycle.
        try await LiveDaemon.waitFor("both alerts in the API") {
            try Self.objects(try await daemon.request("/api/v2/alerts").1).count == 2
        }

        // amtool's default query: active alerts, neither silenced nor inhibited.
        let active = try await daemon.amtool(["alert", "query", "-o", "json"])
        #expect(active.status == 0, "\(active.stderr)")
        let activeAlerts = try Self.objects(active.stdout)
        #expect(Self.alertnames(activeAlerts) == ["BinFull"])
        let binFull = try #require(activeAlerts.first)
        #expect((binFull["receivers"] as? [[String: String]])?.map { $0["name"] ?? "" } == ["pager", "hook"])
        #expect((binFull["status"] as? [String: Any])?["state"] as? String == "active")
        let fingerprint = try #require(binFull["fingerprint"] as? String)

        let inhibited = try Self.objects(try await daemon.amtool(["alert", "query", "--inhibited", "-o", "json"]).stdout)
        let binWarm = try #require(inhibited.first { ($0["labels"] as? [String: String])?["alertname"] == "BinWarm" })
        #expect((binWarm["status"] as? [String: Any])?["inhibitedBy"] as? [String] == [fingerprint])
        #expect((binWarm["status"] as? [String: Any])?["state"] as? String == "suppressed")

        let added = try await daemon.amtool([
            "silence", "add", "alertname=BinFull", "--comment=bin A1 emptied by hand", "--author=ops", "--duration=1h",
        ])
        #expect(added.status == 0, "\(added.stderr)")
        let id = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(UUID(uuidString: id) != nil, "a UUID: \(id)")

        let queried = try Self.objects(try await daemon.amtool(["silence", "query", "-o", "json"]).stdout)
        try #require(queried.count == 1)
        #expect(queried[0]["id"] as? String == id)
        #expect(queried[0]["createdBy"] as? String == "ops")
        #expect((queried[0]["status"] as? [String: String])?["state"] == "active")
        let matchers = try #require(queried[0]["matchers"] as? [[String: Any]])
        #expect(matchers.count == 1 && matchers[0]["name"] as? String == "alertname" && matchers[0]["value"] as? String == "BinFull")
        #expect(matchers[0]["isRegex"] as? Bool == false && matchers[0]["isEqual"] as? Bool == true)
        // The silence is in the state file the CLI reads too.
        #expect(daemon.pipeline.database?.silences.silence(id: id)?.comment == "bin A1 emptied by hand")

        // Silenced alerts leave amtool's default view and show under --silenced.
        #expect(Self.alertnames(try Self.objects(try await daemon.amtool(["alert", "query", "-o", "json"]).stdout)).isEmpty)
        let silenced = try Self.objects(try await daemon.amtool(["alert", "query", "--silenced", "-o", "json"]).stdout)
        let mutedAlert = try #require(silenced.first { ($0["labels"] as? [String: String])?["alertname"] == "BinFull" })
        #expect((mutedAlert["status"] as? [String: Any])?["silencedBy"] as? [String] == [id])

        // A flush that began before the silence was stored may still deliver: let two
        // cycles pass, then nothing new may arrive over five more (each with a flush and a
        // repeat due every second, had the group not been muted).
        try await daemon.waitCycles(2)
        let hookBefore = try await daemon.deliveries("/hook").count
        let pagerBefore = try await daemon.deliveries("/pager").count
        try await daemon.waitCycles(5)
        #expect(try await daemon.deliveries("/hook").count == hookBefore, "muted while the silence is active")
        #expect(try await daemon.deliveries("/pager").count == pagerBefore, "muted while the silence is active")

        let expired = try await daemon.amtool(["silence", "expire", id])
        #expect(expired.status == 0, "\(expired.stderr)")
        try await LiveDaemon.waitFor("notifications after the expiry") {
            let hook = try await daemon.deliveries("/hook").count
            let pager = try await daemon.deliveries("/pager").count
            return hook > hookBefore && pager > pagerBefore
        }
        #expect(try Self.objects(try await daemon.amtool(["silence", "query", "-o", "json"]).stdout).isEmpty)
        let gone = try Self.objects(try await daemon.amtool(["silence", "query", "--expired", "-o", "json"]).stdout)
        #expect(gone.map { $0["id"] as? String } == [id])
        #expect((gone.first?["status"] as? [String: String])?["state"] == "expired")
    }

    @Test func configShowHidesSecretsAndReceiversAreListed() async throws {
        let daemon = try await AmtoolDaemon.start()
        defer { daemon.stop() }
        let shown = try await daemon.amtool(["config", "show"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("receiver: hook"), "\(shown.stdout)")
        #expect(shown.stdout.contains("url: <secret>"), "\(shown.stdout)")
        #expect(!shown.stdout.contains(daemon.receiver.url), "a webhook URL is a secret to binwatch")
        let (status, body) = try await daemon.request("/api/v2/receivers")
        #expect(status == 200)
        #expect(try Self.objects(body).map { $0["name"] as? String } == ["hook", "pager"])
    }

    @Test func basicAuthCoversTheAlertmanagerAPI() async throws {
        let hash = try await ChildProcess.run(
            ["python3", "-c", "import bcrypt; print(bcrypt.hashpw(b'am-pass', bcrypt.gensalt(4)).decode())"], timeout: .seconds(60))
        try #require(hash.status == 0, "Python's bcrypt: \(hash.stderr)")
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write("web.yml", "basic_auth_users: {ops: '\(hash.stdout.trimmingCharacters(in: .whitespacesAndNewlines))'}\n")
        try workspace.write("amtool-good.yml", "basic_auth: {username: ops, password: am-pass}\n")
        try workspace.write("amtool-bad.yml", "basic_auth: {username: ops, password: wrong}\n")
        let daemon = try await AmtoolDaemon.start(web: ", config_file: '\(workspace.path("web.yml"))'")
        defer { daemon.stop() }

        let (status, _) = try await daemon.request("/api/v2/silences")
        #expect(status == 401, "no credentials")
        let refused = try await daemon.amtool(["silence", "query", "--no-version-check"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("401") || refused.stderr.lowercased().contains("unauthorized"), "\(refused.stderr)")
        let wrong = try await daemon.amtool(
            ["silence", "query", "--no-version-check", "--http.config.file=\(workspace.path("amtool-bad.yml"))"])
        #expect(wrong.status != 0)

        let good = "--http.config.file=\(workspace.path("amtool-good.yml"))"
        let added = try await daemon.amtool(["silence", "add", "alertname=BinFull", "--comment=auth", good])
        #expect(added.status == 0, "\(added.stderr)")
        let id = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let listed = try await daemon.amtool(["silence", "query", "-o", "json", good])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(try Self.objects(listed.stdout).map { $0["id"] as? String } == [id])
        #expect(try await daemon.amtool(["silence", "expire", id, good]).status == 0)
    }
}
