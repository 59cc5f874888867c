import Foundation
import TestSupport
import Testing

/// `binwatch silence` and the running daemon's `/api/v2/silences` share one store: a silence
/// added by the CLI is listed over HTTP, one posted over HTTP is listed and expired by the
/// CLI, and a refused POST leaves the store as it was.
@Suite(.serialized) struct SilenceHTTPTests {
    func curl(_ arguments: [String]) async throws -> (status: Int, body: String) {
        let result = try await ChildProcess.run(
            ["curl", "-sS", "--max-time", "60", "-w", "\n%{http_code}"] + arguments, timeout: .seconds(120))
        var lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let status = Int(lines.popLast() ?? "") ?? 0
        return (status, lines.joined(separator: "\n"))
    }

    @Test func cliAndHTTPShareTheStateFile() async throws {
        let dir = NSTemporaryDirectory() + "binwatch-silence-http-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Held until binwatch binds it (SwiftNIO sets SO_REUSEADDR), so nobody else takes it.
        let reservation = try PortReservation()
        let config = dir + "/binwatch.yml"
        try """
            global: {evaluation_interval: 1s}
            state: {path: \(dir)/state.sqlite}
            web: {listen_address: '127.0.0.1:\(reservation.port)'}
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let daemon = try ChildProcess.start([BinwatchProcess.executable.path, "run", "--config", config], stderrFile: dir + "/run.log")
        defer { daemon.stop() }
        let base = "http://127.0.0.1:\(reservation.port)"
        let deadline = Date().addingTimeInterval(180)
        while Date() < deadline, try await curl([base + "/-/ready"]).status != 200 {
            try #require(daemon.isRunning, "binwatch stopped: \((try? String(contentsOfFile: dir + "/run.log", encoding: .utf8)) ?? "")")
            try await Task.sleep(for: .milliseconds(100))
        }
        withExtendedLifetime(reservation) {}

        let added = try await BinwatchProcess.run([
            "silence", "add", "--config", config, "alertname=BinFull", "--comment", "from the CLI", "--author", "ops",
        ])
        #expect(added.status == 0, "\(added.stderr)")
        let cliID = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let listed = try await curl([base + "/api/v2/silences"])
        #expect(listed.status == 200)
        #expect(listed.body.contains("\"id\":\"\(cliID)\"") && listed.body.contains("\"comment\":\"from the CLI\""), "\(listed.body)")

        let formatter = ISO8601DateFormatter()
        let ends = formatter.string(from: Date().addingTimeInterval(3600))
        let posted = try await curl([
            "-H", "Content-Type: application/json", "--data",
            #"{"matchers":[{"name":"bin","value":"A.*","isRegex":true}],"startsAt":"\#(formatter.string(from: Date()))","#
                + #""endsAt":"\#(ends)","createdBy":"amtool","comment":"over HTTP"}"#,
            base + "/api/v2/silences",
        ])
        #expect(posted.status == 200, "\(posted.body)")
        let httpID = try #require(
            (try JSONSerialization.jsonObject(with: Data(posted.body.utf8)) as? [String: String])?["silenceID"])
        let cliList = try await BinwatchProcess.run(["silence", "list", "--config", config])
        #expect(cliList.stdout.contains(httpID) && cliList.stdout.contains("bin=~\"A.*\""), "\(cliList.stdout)")

        // A refused POST (an end before the start) stores nothing.
        let refused = try await curl([
            "-H", "Content-Type: application/json", "--data",
            #"{"matchers":[{"name":"a","value":"b","isRegex":false}],"startsAt":"\#(ends)","endsAt":"2020-01-01T00:00:00Z","#
                + #""createdBy":"x","comment":"y"}"#,
            base + "/api/v2/silences",
        ])
        #expect(refused.status == 400)
        #expect(refused.body == "\"Failed to create silence: start time must be before end time\"")
        // As Alertmanager: only JSON bodies (curl's default form type, or none at all, is 415).
        for header in [[], ["-H", "Content-Type:"]] {
            let untyped = try await curl(header + ["--data", #"{"matchers":[]}"#, base + "/api/v2/silences"])
            #expect(untyped.status == 415, "\(header): \(untyped.body)")
            #expect(untyped.body.contains("unsupported media type"))
        }
        #expect(try await BinwatchProcess.run(["silence", "list", "--config", config]).stdout.split(separator: "\n").count == 3)

        // Expired by the CLI, seen expired over HTTP.
        #expect(try await BinwatchProcess.run(["silence", "expire", "--config", config, httpID]).status == 0)
        let one = try await curl([base + "/api/v2/silence/\(httpID)"])
        #expect(one.status == 200 && one.body.contains("\"state\":\"expired\""), "\(one.body)")
    }
}
