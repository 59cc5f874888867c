import Foundation
import HTTPClient
import Model
import Notify
import NotifyTesting
import Testing
import TestSupport

/// binwatch's email integration against a real SMTP server (aiosmtpd): the envelope, headers,
/// MIME structure and both bodies as they arrive, AUTH PLAIN and LOGIN with a password or a
/// password file, and `require_tls` against a server without STARTTLS.
@Suite(.serialized, .enabled(if: SMTPSink.isInstalled, "python3-aiosmtpd is not installed (scripts/setup.sh installs it)"))
struct EmailTests {
    static let group = GroupKey(routeKey: "{}", groupLabels: Labels(["alertname": "BinFull", "facility": "plant-7"]))
    static let alerts: [Alert] = {
        let start = Timestamp(milliseconds: 1_700_000_000_000)
        return ["bin-a1", "bin-a2"].map { instance in
            Alert(
                labels: Labels(["alertname": "BinFull", "facility": "plant-7", "instance": instance, "severity": "critical"]),
                annotations: Labels(["summary": "bin <\(instance)> over 95% & 'rising'"]), startsAt: start,
                generatorURL: "http://binwatch:9464/graph?g0.expr=bin_fill&g0.tab=1")
        }
    }()

    /// The notifier of the receiver's only email config, built from `yaml` as the daemon builds it.
    static func notifier(_ yaml: String, files: [String: String] = [:]) throws -> EmailNotifier {
        let config = try NotifyConfig.parse(yaml: yaml, file: "binwatch.yml", readFile: { files[$0] })
        let integrations = config.integrations(externalURL: "http://binwatch.example:9464", transport: CurlHTTPClient())
        let email = try #require(integrations["ops"]?.first { $0.info.name == "email" })
        return try #require(email.notifier as? EmailNotifier)
    }

    static func config(port: Int, extra: String = "") -> String {
        """
        route: {receiver: ops}
        receivers:
          - name: ops
            email_configs:
              - to: 'wms-ops@example.com, Night Shift <night@example.com>'
                from: 'binwatch <alerts@example.com>'
                smarthost: '127.0.0.1:\(port)'
                hello: binwatch.example
                require_tls: false
                text: '{{ template "__text_alert_list" .Alerts }}'
                headers: {x-facility: '{{ .GroupLabels.facility }}'}
        \(extra)
        """
    }

    static func waitForMessages(_ sink: SMTPSink, count: Int) async throws -> [SMTPSink.Message] {
        var messages: [SMTPSink.Message] = []
        _ = try await eventually {
            messages = try sink.messages()
            return messages.count >= count
        }
        return messages
    }

    @Test func messageArrivesWithAlertmanagersHeadersStructureAndBodies() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let notifier = try Self.notifier(Self.config(port: sink.port))
        let expected = try notifier.message(Self.alerts, group: Self.group)
        try await notifier.notify(Self.alerts, group: Self.group)
        let message = try #require(try await Self.waitForMessages(sink, count: 1).first, "no mail: \(sink.log)")

        #expect(message.mailFrom == "alerts@example.com")
        #expect(message.rcptTos == ["wms-ops@example.com", "night@example.com"])
        #expect(message.ehlo == "binwatch.example")
        #expect(message.authMechanism == nil)
        #expect(message.header("Subject") == ["[FIRING:2] BinFull plant-7 (critical)"])
        #expect(message.header("From") == ["binwatch <alerts@example.com>"])
        #expect(message.header("To") == ["wms-ops@example.com, Night Shift <night@example.com>"])
        #expect(message.header("X-Facility") == ["plant-7"])
        #expect(message.header("MIME-Version") == ["1.0"])
        let messageID = try #require(message.header("Message-Id").first)
        #expect(messageID.hasPrefix("<") && messageID.hasSuffix(">") && messageID.contains("@"))
        #expect(message.header("Date").count == 1)
        let contentType = try #require(message.header("Content-Type").first)
        #expect(contentType.hasPrefix("multipart/alternative;  boundary="))

        // Text first, HTML last (the preferred alternative), both quoted-printable UTF-8.
        #expect(message.parts.map(\.contentType) == ["text/plain; charset=UTF-8", "text/html; charset=UTF-8"])
        #expect(message.parts.map(\.transferEncoding) == ["quoted-printable", "quoted-printable"])
        #expect(message.parts.first?.body == expected.text)
        #expect(message.parts.last?.body == expected.html)
        let text = try #require(message.parts.first?.body)
        #expect(text.contains(" - instance = bin-a2\n") && text.contains(" - summary = bin <bin-a1> over 95% & 'rising'\n"))
        let html = try #require(message.parts.last?.body)
        #expect(html.contains("<title>[FIRING:2] BinFull plant-7 (critical)</title>"))
        // Alertmanager's html/template escaping: values escaped, comments dropped, URLs normalised.
        #expect(html.contains("summary = bin &lt;bin-a1&gt; over 95% &amp; &#39;rising&#39;<br"))
        #expect(html.contains(#"href="http://binwatch:9464/graph?g0.expr=bin_fill&amp;g0.tab=1""#))
        #expect(html.contains(#"href="http://binwatch.example:9464/#/alerts?receiver=ops""#))
        #expect(!html.contains("<!--") && !html.contains("Mailgun"))
        // Quoted-printable keeps every line within 76 characters.
        #expect(message.raw.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 998 })
    }

    @Test func noTextPartUnlessConfigured() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let yaml = Self.config(port: sink.port).replacingOccurrences(of: "        text: '{{ template \"__text_alert_list\" .Alerts }}'\n", with: "")
        try await Self.notifier(yaml).notify(Self.alerts, group: Self.group)
        let message = try #require(try await Self.waitForMessages(sink, count: 1).first)
        #expect(message.parts.map(\.contentType) == ["text/html; charset=UTF-8"])
    }

    @Test(arguments: ["PLAIN", "LOGIN"])
    func authenticatesWithPasswordOrPasswordFile(_ mechanism: String) async throws {
        let sink = try SMTPSink(auth: SMTPSink.Auth(user: "wms", password: "s3cr3t-pw", mechanisms: [mechanism]))
        defer { sink.stop() }
        let inline = Self.config(port: sink.port).replacingOccurrences(
            of: "hello: binwatch.example", with: "hello: binwatch.example\n        auth_username: wms\n        auth_password: s3cr3t-pw")
        try await Self.notifier(inline).notify(Self.alerts, group: Self.group)
        let fromFile = Self.config(port: sink.port).replacingOccurrences(
            of: "hello: binwatch.example",
            with: "hello: binwatch.example\n        auth_username: wms\n        auth_password_file: /etc/binwatch/smtp.pw")
        try await Self.notifier(fromFile, files: ["/etc/binwatch/smtp.pw": "s3cr3t-pw\n"]).notify(Self.alerts, group: Self.group)
        let messages = try await Self.waitForMessages(sink, count: 2)
        #expect(messages.count == 2)
        #expect(messages.map(\.authMechanism) == [mechanism, mechanism])
        #expect(messages.map(\.authLogin) == ["wms", "wms"])

        // A wrong password: the server refuses, the error is retryable and holds no password.
        let wrong = inline.replacingOccurrences(of: "auth_password: s3cr3t-pw", with: "auth_password: not-it")
        let refused = await #expect(throws: NotifyError.self) {
            try await Self.notifier(wrong).notify(Self.alerts, group: Self.group)
        }
        #expect(refused?.isRetryable == true && refused?.kind == .transport)
        #expect(refused?.message.contains("authentication failed") == true, "\(String(describing: refused))")
        #expect(refused?.message.contains("smtp://127.0.0.1:\(sink.port)") == true)
        #expect(refused?.message.contains("not-it") == false)
        #expect(try sink.messages().count == 2)
    }

    @Test func requireTLSFailsClearlyAgainstAServerWithoutSTARTTLS() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let yaml = Self.config(port: sink.port).replacingOccurrences(of: "require_tls: false", with: "require_tls: true")
        let refused = await #expect(throws: NotifyError.self) {
            try await Self.notifier(yaml).notify(Self.alerts, group: Self.group)
        }
        // Retried, as Alertmanager's notifier returns true for a missing STARTTLS.
        #expect(refused?.isRetryable == true)
        #expect(refused?.message.contains("STARTTLS is required (require_tls)") == true, "\(String(describing: refused))")
        #expect(try sink.messages().isEmpty)
    }

    @Test func refusedConnectionIsRetryable() async throws {
        let port = try FreePort.find()
        let refused = await #expect(throws: NotifyError.self) {
            try await Self.notifier(Self.config(port: port)).notify(Self.alerts, group: Self.group)
        }
        #expect(refused?.isRetryable == true && refused?.kind == .transport)
    }
}
