import Foundation
import HTTPClient
import Model
import Notify
import NotifyTesting
import Testing
import TestSupport

/// The notify pipeline in a child process (this test binary, re-run with a filter) over
/// file-backed outbox and log, killed with SIGKILL in the middle of a delivery and
/// restarted: nothing lost, nothing delivered twice.
@Suite(.serialized) struct CrashRestartTests {
    static let env = ProcessInfo.processInfo.environment

    /// The child's work; runs only when the parent sets BINWATCH_NOTIFY_CHILD_DIR.
    @Test(.enabled(if: env["BINWATCH_NOTIFY_CHILD_DIR"] != nil))
    func notifyChildProcess() async throws {
        let dir = URL(fileURLWithPath: try #require(Self.env["BINWATCH_NOTIFY_CHILD_DIR"]))
        let phase = Self.env["BINWATCH_NOTIFY_CHILD_PHASE"] ?? ""
        let config = try NotifyConfig.parse(
            yaml: """
                route: {receiver: hook, group_by: [alertname], group_wait: 30s, group_interval: 5m}
                receivers: [{name: hook, webhook_configs: [{url: '${HOOK}'}]}]
                notification_timeout: 120s
                """,
            file: "child.yml", environment: ["HOOK": try #require(Self.env["BINWATCH_NOTIFY_CHILD_HOOK"])])
        let clock = ManualClock(start: DispatchHarness.t0)
        let service = NotifyService(
            config: config, externalURL: "http://binwatch", transport: CurlHTTPClient(),
            outbox: FileOutbox(url: dir.appendingPathComponent("outbox.json")),
            log: FileNotificationLog(url: dir.appendingPathComponent("log.json")), silences: nil, clock: clock)
        func step(_ s: Int64) async {
            clock.set(DispatchHarness.at(s))
            await service.dispatcher.flushDue(at: DispatchHarness.at(s))
            await service.delivery.waitUntilIdle()
        }
        let firing = DeliveryTests.alert
        var resolved = firing
        resolved.endsAt = DispatchHarness.at(100)
        await service.delivery.resume()
        await service.delivery.waitUntilIdle()
        if phase == "first" {
            await service.dispatcher.receive([firing], at: DispatchHarness.t0)
            await step(30)  // firing delivered
            await service.dispatcher.receive([resolved], at: DispatchHarness.at(100))
            await step(330)  // the receiver hangs on the resolve: the parent kills us here
        } else {
            // The rule engine resends the alert after a restart (resolved alerts for 15m).
            await service.dispatcher.receive([resolved], at: DispatchHarness.at(400))
            await step(400)
            await step(700)
        }
    }

    static func runChild(dir: URL, hook: String, phase: String) throws -> RunningChild {
        var env = ProcessInfo.processInfo.environment
        env["BINWATCH_NOTIFY_CHILD_DIR"] = dir.path
        env["BINWATCH_NOTIFY_CHILD_HOOK"] = hook
        env["BINWATCH_NOTIFY_CHILD_PHASE"] = phase
        return try ChildProcess.start(
            [CommandLine.arguments[0], "--testing-library", "swift-testing", "--filter", "notifyChildProcess"],
            environment: env, stdoutFile: "/dev/null", stderrFile: "/dev/null")
    }

    @Test(.enabled(if: env["BINWATCH_NOTIFY_CHILD_DIR"] == nil))
    func sigkillMidDeliveryThenRestart() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("notify-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let receiver = try LocalReceiver()
        // 1st request (firing) answered; 2nd (the resolve) hangs until the child is killed.
        try await receiver.script("/hook", [.init(status: 200), .init(status: 200, delay: 60)])
        let first = try Self.runChild(dir: dir, hook: receiver.url + "/hook", phase: "first")
        defer { first.stop() }
        // Waiting on another process's progress: nothing to inject.
        #expect(try await eventually { try await receiver.requests().count >= 2 })
        first.send(SIGKILL)
        #expect(await first.exited(within: .seconds(120)) == 128 + SIGKILL)
        let outboxText = try String(contentsOf: dir.appendingPathComponent("outbox.json"), encoding: .utf8)
        #expect(outboxText.contains("endsAt"))  // the resolve is durably pending

        let second = try Self.runChild(dir: dir, hook: receiver.url + "/hook", phase: "second")
        defer { second.stop() }
        _ = try await eventually { !second.isRunning }
        let delivered = try await receiver.delivered("/hook")
        let statuses = try delivered.map { request -> String in
            let json = try #require(try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])
            return json["status"] as? String ?? "?"
        }
        #expect(statuses == ["firing", "resolved"])  // each state exactly once
        #expect(try await receiver.requests().count == 3)  // firing, the hung resolve, the resolve again
        receiver.stop()
    }
}
