import Foundation
import TestSupport
import Testing

/// `binwatch run` delivering to scripts/lib/receiver.py, SIGKILLed after the firing
/// notification and restarted on the same state file: the firing notification is not sent
/// again, and the resolution still arrives, once. Real processes and real time (a child
/// process's clock cannot be injected), bounded by polling deadlines.
@Suite(.serialized) struct NotificationRestartTests {
    static var repoRoot: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }

    /// Starts the demo receiver on a free port; returns the process and its port.
    func startReceiver(out: String) async throws -> (RunningChild, Int) {
        let receiver = try ChildProcess.start(
            ["python3", "-u", Self.repoRoot.appendingPathComponent("scripts/lib/receiver.py").path, "0", "--out", out])
        // The receiver reports the port it picked on stderr.
        try await waitFor("the receiver's port") { receiver.readStderr().contains("\n") }
        let text = receiver.readStderr()
        guard let port = text.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) else {
            receiver.stop()
            throw ChildProcessError(message: "receiver.py printed no port: \(text)")
        }
        return (receiver, port)
    }

    func startBinwatch(config: String, log: String) throws -> RunningChild {
        try ChildProcess.start([BinwatchProcess.executable.path, "run", "--config", config], stderrFile: log)
    }

    func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// binwatch_cycles_total in the textfile (0 before the first write).
    func cycles(_ textfile: String) -> Int {
        let text = (try? String(contentsOfFile: textfile, encoding: .utf8)) ?? ""
        let line = text.split(separator: "\n").first { $0.hasPrefix("binwatch_cycles_total ") }
        return line.flatMap { Double($0.split(separator: " ").last ?? "") }.map { Int($0) } ?? 0
    }

    /// Polls `condition`; the deadline only bounds a failure (a loaded machine is slow, and
    /// waiting longer never makes a passing run fail).
    func waitFor(_ what: String, seconds: Double = 180, _ condition: () -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("timed out waiting for \(what)")
        throw CancellationError()
    }

    @Test func sigkillAfterDeliveryDoesNotResend() async throws {
        let dir = NSTemporaryDirectory() + "binwatch-notify-restart-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/rules", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let received = dir + "/received.txt"
        let (receiver, port) = try await startReceiver(out: received)
        defer { receiver.stop() }
        try "bin_util{bin=\"A1\"} 95\n".write(toFile: dir + "/data.prom", atomically: true, encoding: .utf8)
        try """
            groups:
              - name: bins
                rules:
                  - alert: BinFull
                    expr: bin_util > 90
            """.write(toFile: dir + "/rules/bins.yml", atomically: true, encoding: .utf8)
        try """
            global: {evaluation_interval: 1s}
            rule_files: [rules/*.yml]
            sources:
              textfile: [{name: wms, path: \(dir)/data.prom}]
            state: {path: \(dir)/state.sqlite}
            output: {textfile: \(dir)/out.prom}
            alerting:
              route: {receiver: hook, group_by: [alertname], group_wait: 0s, group_interval: 1s, repeat_interval: 1h}
              receivers:
                - name: hook
                  webhook_configs: [{url_file: hook_url}]
            """.write(toFile: dir + "/binwatch.yml", atomically: true, encoding: .utf8)
        try "http://127.0.0.1:\(port)/hook".write(toFile: dir + "/hook_url", atomically: true, encoding: .utf8)

        let first = try startBinwatch(config: dir + "/binwatch.yml", log: dir + "/run1.log")
        // Delivered means a 2xx came back and the log recorded it (the daemon logs it after
        // both). A kill between the receiver's answer and that record is at-least-once:
        // the outbox still holds the notification and the next run sends it again.
        try await waitFor("the firing notification delivered") {
            lines(dir + "/run1.log").contains { $0.contains("notification delivered") }
        }
        first.send(SIGKILL)
        #expect(await first.exited(within: .seconds(120)) == 128 + SIGKILL)
        // The second run counts its cycles from zero in a textfile of its own.
        try FileManager.default.removeItem(atPath: dir + "/out.prom")

        let second = try startBinwatch(config: dir + "/binwatch.yml", log: dir + "/run2.log")
        defer { second.stop() }
        // Several evaluations and flushes (1s each) with the alert still firing.
        try await waitFor("the restart") { lines(dir + "/run2.log").contains { $0.contains("read 1 saved alerts") } }
        // Four of the second run's cycles, each with an evaluation and a flush, counted by the
        // daemon itself rather than by waiting a time that a loaded machine may not fill.
        try await waitFor("four cycles of the second run") { cycles(dir + "/out.prom") >= 4 }
        #expect(lines(received).count == 1, "the firing notification was not resent: \(lines(received))")

        try "bin_util{bin=\"A1\"} 50\n".write(toFile: dir + "/data.prom", atomically: true, encoding: .utf8)
        try await waitFor("the resolved notification") { lines(received).count >= 2 }
        let resolvedAt = cycles(dir + "/out.prom")
        try await waitFor("two more cycles") { cycles(dir + "/out.prom") >= resolvedAt + 2 }
        second.send(SIGTERM)
        #expect(await second.exited(within: .seconds(120)) == 0)

        let bodies = lines(received)
        try #require(bodies.count == 2, "\(bodies)")
        #expect(bodies[0].hasPrefix("/hook ") && bodies[0].contains("\"status\":\"firing\""))
        #expect(bodies[1].hasPrefix("/hook ") && bodies[1].contains("\"status\":\"resolved\""))
    }
}
