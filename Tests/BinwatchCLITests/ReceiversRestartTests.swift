import Foundation
import NATSClient
import NotifyTesting
import TestSupport
import Testing

/// `binwatch run` with a NATS JetStream, an OpsGenie and a Telegram receiver that refuse while
/// the alert fires: the notifications wait in the durable outbox, binwatch is SIGKILLed, the
/// peers come back, and the restarted binwatch delivers each exactly once. The kill happens
/// while the peer refuses, so no attempt was answered with a success before it and exactly
/// once (not at least once) is the right assertion. Real processes and real time, bounded by
/// polling deadlines.
@Suite(.serialized) struct ReceiversRestartTests {
    let restart = NotificationRestartTests()

    /// A workspace with a firing rule and `receivers` (YAML under `receivers:`).
    func workspace(_ name: String, receivers: String) throws -> String {
        let dir = NSTemporaryDirectory() + "binwatch-\(name)-restart-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/rules", withIntermediateDirectories: true)
        try "bin_util{bin=\"A1\"} 95\n".write(toFile: dir + "/data.prom", atomically: true, encoding: .utf8)
        try """
            groups:
              - name: bins
                rules:
                  - alert: BinFull
                    expr: bin_util > 90
                    labels: {severity: page}
            """.write(toFile: dir + "/rules/bins.yml", atomically: true, encoding: .utf8)
        try """
            global: {evaluation_interval: 1s}
            rule_files: [rules/*.yml]
            sources:
              textfile: [{name: wms, path: \(dir)/data.prom}]
            state: {path: \(dir)/state.sqlite}
            output: {textfile: \(dir)/out.prom}
            alerting:
              route: {receiver: ops, group_by: [alertname], group_wait: 0s, group_interval: 1s, repeat_interval: 1h}
              receivers:
                - name: ops
            \(receivers)
            """.write(toFile: dir + "/binwatch.yml", atomically: true, encoding: .utf8)
        return dir
    }

    /// Failed attempts kept for retry in a run's log.
    func retriedFailures(_ log: String) -> Int {
        restart.lines(log).filter { $0.contains("notification failed") && $0.contains("retry=true") }.count
    }

    /// SIGKILLs the first run and removes its textfile, so the second run counts its cycles from zero.
    func kill(_ first: RunningChild, dir: String) async throws {
        first.send(SIGKILL)
        #expect(await first.exited(within: .seconds(120)) == 128 + SIGKILL)
        try FileManager.default.removeItem(atPath: dir + "/out.prom")
    }

    /// Waits for four more cycles of the running binwatch (each with an evaluation and a
    /// flush: a duplicate would be sent in one of them), then stops it with SIGTERM.
    func fourMoreCyclesThenStop(_ second: RunningChild, dir: String) async throws {
        let deliveredAt = restart.cycles(dir + "/out.prom")
        try await restart.waitFor("four more cycles") { restart.cycles(dir + "/out.prom") >= deliveredAt + 4 }
        second.send(SIGTERM)
        #expect(await second.exited(within: .seconds(120)) == 0)
    }

    @Test(.enabled(if: NATSServerProcess.isInstalled, "nats-server is not installed (scripts/setup.sh installs it)"))
    func natsJetStreamWaitingInTheOutboxSurvivesSIGKILL() async throws {
        let server = try await NATSServerProcess(jetStream: true)
        defer { server.stop() }
        // The stream is in the server's file storage and comes back with it.
        try await server.createStream("ALERTS", subjects: ["agog.alerts.>"])
        await server.shutDown()
        let dir = try workspace("nats", receivers: """
                  nats_configs:
                    - {url: 'nats://127.0.0.1:\(server.port)', subject: agog.alerts.binwatch, jetstream: true}
            """)
        defer { try? FileManager.default.removeItem(atPath: dir) }

        let first = try restart.startBinwatch(config: dir + "/binwatch.yml", log: dir + "/run1.log")
        try await restart.waitFor("a failed attempt, kept for retry") { retriedFailures(dir + "/run1.log") >= 1 || !first.isRunning }
        try #require(first.isRunning, "\(restart.lines(dir + "/run1.log"))")
        try await kill(first, dir: dir)

        try await server.start()
        #expect(try await server.streamMessageCount("ALERTS") == 0)
        let subscriber = try await NATSSubscriber(server, subject: "agog.alerts.>")
        let second = try restart.startBinwatch(config: dir + "/binwatch.yml", log: dir + "/run2.log")
        defer { second.stop() }
        try #require(try await eventually { (try? await server.streamMessageCount("ALERTS")) ?? 0 >= 1 }, "the stored notification")
        try await fourMoreCyclesThenStop(second, dir: dir)

        #expect(try await server.streamMessageCount("ALERTS") == 1)
        let messages = try await subscriber.messages()
        #expect(messages.count == 1, "\(messages.map(\.text))")
        #expect(messages.first?.subject == "agog.alerts.binwatch")
        #expect(messages.first?.header("Nats-Msg-Id")?.count == 64)
        let body = try #require(messages.first.flatMap { try JSONSerialization.jsonObject(with: Data($0.payload)) as? [String: Any] })
        #expect(body["status"] as? String == "firing" && body["receiver"] as? String == "ops")
        #expect((body["alerts"] as? [[String: Any]])?.count == 1)
    }

    @Test func opsgenieAndTelegramWaitingInTheOutboxSurviveSIGKILL() async throws {
        let refusing = try LocalReceiver()
        let port = refusing.port
        let create = "/og/v2/alerts"
        let message = "/tg/bot1:tgtoken/sendMessage"
        // More refusals than the first run can use up: it is killed while they last.
        let refusals = Array(repeating: LocalReceiver.Response(status: 503, body: "unavailable"), count: 10_000)
        try await refusing.script(create, refusals)
        try await refusing.script(message, refusals)
        let dir = try workspace("opsgenie-telegram", receivers: """
                  opsgenie_configs:
                    - {api_key: og-restart-key, api_url: 'http://127.0.0.1:\(port)/og/'}
                  telegram_configs:
                    - {bot_token: '1:tgtoken', chat_id: -7, api_url: 'http://127.0.0.1:\(port)/tg'}
            """)
        defer { try? FileManager.default.removeItem(atPath: dir) }

        let first = try restart.startBinwatch(config: dir + "/binwatch.yml", log: dir + "/run1.log")
        try #require(
            try await eventually {
                let refused = try await refusing.requests()
                return !first.isRunning || refused.contains { $0.path == create } && refused.contains { $0.path == message }
                    && retriedFailures(dir + "/run1.log") >= 2
            }, "both services refusing an attempt, kept for retry")
        try #require(first.isRunning, "\(restart.lines(dir + "/run1.log"))")
        try await kill(first, dir: dir)
        let refused = try await refusing.requests()
        #expect(refused.allSatisfy { $0.status == 503 }, "\(refused.map { "\($0.path) \($0.status)" })")
        await refusing.shutDown()

        // The services come back on the same address, answering 200.
        let receiver = try await LocalReceiver.restarted(on: port)
        defer { receiver.stop() }
        let second = try restart.startBinwatch(config: dir + "/binwatch.yml", log: dir + "/run2.log")
        defer { second.stop() }
        try #require(
            try await eventually {
                let requests = try await receiver.requests()
                return requests.contains { $0.path == create } && requests.contains { $0.path == message }
            }, "the alert and the message")
        try await fourMoreCyclesThenStop(second, dir: dir)

        let requests = try await receiver.requests()
        #expect(requests.map(\.path).sorted() == [create, message], "\(requests.map(\.path))")
        let alert = try #require(requests.first { $0.path == create })
        #expect(alert.headers["authorization"] == "GenieKey og-restart-key")
        let created = try #require(try JSONSerialization.jsonObject(with: Data(alert.body.utf8)) as? [String: Any])
        #expect((created["message"] as? String)?.hasPrefix("[FIRING:1] BinFull") == true, "\(created)")
        let sent = try #require(requests.first { $0.path == message })
        let text = try #require((try JSONSerialization.jsonObject(with: Data(sent.body.utf8)) as? [String: Any])?["text"] as? String)
        #expect(text.contains("Alerts Firing:"), "\(text)")
        let logs = restart.lines(dir + "/run1.log") + restart.lines(dir + "/run2.log")
        #expect(!logs.contains { $0.contains("og-restart-key") || $0.contains("1:tgtoken") })
    }
}

extension LocalReceiver {
    /// A receiver on `port` again, after the one there was shut down: retried while the port
    /// is still held (the old socket's close may lag on a loaded machine).
    static func restarted(on port: Int) async throws -> LocalReceiver {
        let deadline = ContinuousClock.now + .seconds(120)
        while true {
            do { return try LocalReceiver(port: port) } catch {
                if ContinuousClock.now >= deadline { throw error }
            }
            // Waiting for the operating system to free the port: no clock to inject.
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
