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
    let restarts = ReceiversRestartTests()

    @Test func emailWaitingInTheOutboxSurvivesSIGKILL() async throws {
        // Nobody listens there until the sink starts on it after the kill.
        let port = try FreePort.find()
        let dir = try restarts.workspace("email", receivers: """
                  email_configs:
                    - to: wms-ops@example.com
                      from: binwatch@example.com
                      smarthost: '127.0.0.1:\(port)'
                      require_tls: false
                      auth_username: wms
                      auth_password: s3cr3t-pw
            """)
        defer { try? FileManager.default.removeItem(atPath: dir) }

        let first = try restart.startBinwatch(config: dir + "/binwatch.yml", log: dir + "/run1.log")
        try await restart.waitFor("a failed attempt, kept for retry") {
            restart.lines(dir + "/run1.log").contains { $0.contains("notification failed") && $0.contains("retry") }
        }
        try await restarts.kill(first, dir: dir)

        let sink = try SMTPSink(port: port)
        defer { sink.stop() }
        let second = try restart.startBinwatch(config: dir + "/binwatch.yml", log: dir + "/run2.log")
        defer { second.stop() }
        try await restart.waitFor("the email") { ((try? sink.messages()) ?? []).count >= 1 }
        try await restarts.fourMoreCyclesThenStop(second, dir: dir)

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
