import Foundation
import NotifyTesting
import TestSupport
import Testing

/// `binwatch run` mailing through an SMTP server that is down: the notification waits in the
/// durable outbox, binwatch is SIGKILLed, the server comes up, and the restarted binwatch
/// delivers the email exactly once. Real processes and real time, bounded by polling deadlines.
@Suite(.serialized, .enabled(if: SMTPSink.isInstalled, "python3-aiosmtpd is not installed (scripts/setup.sh installs it)"))
struct EmailRestartTests {
    let restart = NotificationRestartTests()

    @Test func emailWaitingInTheOutboxSurvivesSIGKILL() async throws {
        let dir = NSTemporaryDirectory() + "binwatch-email-restart-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/rules", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Nobody listens there until the sink starts on it after the kill.
        let port = try FreePort.find()
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
                  email_configs:
                    - to: wms-ops@example.com
                      from: binwatch@example.com
                      smarthost: '127.0.0.1:\(port)'
                      require_tls: false
                      auth_username: wms
                      auth_password: s3cr3t-pw
            """.write(toFile: dir + "/binwatch.yml", atomically: true, encoding: .utf8)

        let first = try restart.startBinwatch(config: dir + "/binwatch.yml", log: dir + "/run1.log")
        try await restart.waitFor("a failed attempt, kept for retry") {
            restart.lines(dir + "/run1.log").contains { $0.contains("notification failed") && $0.contains("retry") }
        }
        first.send(SIGKILL)
        #expect(await first.exited(within: .seconds(120)) == 128 + SIGKILL)
        try FileManager.default.removeItem(atPath: dir + "/out.prom")

        let sink = try SMTPSink(port: port)
        defer { sink.stop() }
        let second = try restart.startBinwatch(config: dir + "/binwatch.yml", log: dir + "/run2.log")
        defer { second.stop() }
        try await restart.waitFor("the email") { ((try? sink.messages()) ?? []).count >= 1 }
        // Four more of the second run's cycles, each with a flush: nothing is sent twice.
        let deliveredAt = restart.cycles(dir + "/out.prom")
        try await restart.waitFor("four more cycles") { restart.cycles(dir + "/out.prom") >= deliveredAt + 4 }
        second.send(SIGTERM)
        #expect(await second.exited(within: .seconds(120)) == 0)

        let messages = try sink.messages()
        #expect(messages.count == 1, "\(messages.map(\.headers))")
        #expect(messages.first?.rcptTos == ["wms-ops@example.com"])
        #expect(messages.first?.header("Subject").first?.hasPrefix("[FIRING:1] BinFull (") == true, "\(messages.first?.headers ?? [])")
        // The server offers no AUTH, so none is tried (as Alertmanager); the password is in no log.
        #expect(messages.first?.authMechanism == nil)
        let logs = restart.lines(dir + "/run1.log") + restart.lines(dir + "/run2.log")
        #expect(!logs.contains { $0.contains("s3cr3t-pw") })
    }
}
