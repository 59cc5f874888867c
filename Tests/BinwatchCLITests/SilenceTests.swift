import Foundation
import Testing

/// `binwatch silence add|list|expire` on the built binary, over a config's state file;
/// and `binwatch check config` reporting `alerting:` errors at file:line:col.
@Suite struct SilenceTests {
    func workspace(alerting: String = "") throws -> String {
        let dir = NSTemporaryDirectory() + "binwatch-silence-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try """
            state:
              path: \(dir)/state.sqlite
            \(alerting)
            """.write(toFile: dir + "/binwatch.yml", atomically: true, encoding: .utf8)
        return dir
    }

    @Test func addListExpire() async throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = dir + "/binwatch.yml"
        let added = try await BinwatchProcess.run([
            "silence", "add", "--config", config, "alertname=BinFull", "{bin=~\"A.*\", severity!=\"info\"}",
            "--duration", "2h", "--comment", "bin A1 under maintenance", "--author", "ops",
        ])
        #expect(added.status == 0, "\(added.stderr)")
        let id = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(id.count == 36, "a UUID: \(id)")

        let listed = try await BinwatchProcess.run(["silence", "list", "--config", config])
        #expect(listed.status == 0)
        let lines = listed.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 2)
        let fields = lines[1].split(separator: "\t").map(String.init)
        #expect(fields[0] == id)
        #expect(fields[1] == "alertname=\"BinFull\" bin=~\"A.*\" severity!=\"info\"")
        #expect(fields[4] == "ops" && fields[5] == "bin A1 under maintenance")
        let formatter = ISO8601DateFormatter()
        let starts = try #require(formatter.date(from: fields[2]))
        let ends = try #require(formatter.date(from: fields[3]))
        #expect(abs(ends.timeIntervalSince(starts) - 7200) <= 1)

        let expired = try await BinwatchProcess.run(["silence", "expire", "--config", config, id])
        #expect(expired.status == 0, "\(expired.stderr)")
        #expect(try await BinwatchProcess.run(["silence", "list", "--config", config]).stdout.split(separator: "\n").count == 1)
        #expect(try await BinwatchProcess.run(["silence", "list", "--config", config, "--expired"]).stdout.contains(id))
        let again = try await BinwatchProcess.run(["silence", "expire", "--config", config, id])
        #expect(again.status == 1)
        #expect(again.stderr.contains("no active silence with id \(id)"))
    }

    @Test(arguments: [
        (["alertname"], "matcher alertname"),
        (["alertname=~.*"], "must not match the empty string"),
        (["alertname=X", "--duration", "soon"], "--duration soon"),
        (["alertname=X", "--ends-at", "2020-01-01T00:00:00Z"], "must end after it starts"),
    ])
    func badInputIsRefused(arguments: [String], message: String) async throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try await BinwatchProcess.run(["silence", "add", "--config", dir + "/binwatch.yml", "--comment", "c"] + arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func checkConfigReportsAlertingErrorsWithPositions() async throws {
        let dir = try workspace(alerting: """
            alerting:
              route:
                receiver: nobody
              receivers:
                - name: ops
                  slack_configs:
                    - api_url: https://hooks.slack.com/services/T0/B0/secret
            """)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try await BinwatchProcess.run(["check", "config", dir + "/binwatch.yml"])
        #expect(result.status != 0)
        let output = result.stdout + result.stderr
        #expect(output.contains("binwatch.yml:5:5: alerting.route: expected a receiver defined under receivers, found undefined receiver \"nobody\" used in route"), "\(output)")
        // An inline secret is accepted as Alertmanager accepts it (a warning, not an error).
        #expect(!output.contains("slack_configs[0].api_url: expected"), "\(output)")
        #expect(!output.contains("B0/secret"), "the secret is never echoed")
    }

    @Test func checkConfigSummarisesAValidAlertingSection() async throws {
        let dir = try workspace(alerting: """
            alerting:
              route:
                receiver: ops
                routes: [{matchers: ['severity="page"'], receiver: ops}]
              receivers:
                - name: ops
                  webhook_configs: [{url_file: hook_url}]
              alertmanagers:
                - static_configs: [{targets: ['127.0.0.1:9093']}]
            """)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "http://127.0.0.1:9/hook".write(toFile: dir + "/hook_url", atomically: true, encoding: .utf8)
        let result = try await BinwatchProcess.run(["check", "config", dir + "/binwatch.yml"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("SUCCESS: alerting: 1 receivers, 2 routes, 0 inhibit rules, 1 alertmanagers"), "\(result.stdout)")
    }
}
