import Foundation
import HTTPClient
import Model
import Notify
import NotifyTesting
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The email receiver's TLS paths against a real SMTP server (aiosmtpd) with certificates from
/// a throwaway CA (openssl): STARTTLS with `require_tls`, `tls_config` (ca_file, server_name,
/// insecure_skip_verify, a client certificate), implicit TLS on port 465, AUTH over STARTTLS.
@Suite(.serialized, .enabled(if: SMTPSink.isInstalled, "python3-aiosmtpd is not installed (scripts/setup.sh installs it)"))
struct EmailTLSTests {
    static let password = "tls-s3cr3t-pw"
    /// The entry's keys that log in as the sink's `wms` user.
    static let authKeys = ["auth_username: wms", "auth_password: \(password)"]

    /// A sink offering (and requiring) STARTTLS with `server`'s certificate and key; with
    /// `auth`, AUTH as `wms` is required too (after STARTTLS only).
    static func starttlsSink(_ server: (String, String), auth: Bool = false, clientCA: String? = nil) throws -> SMTPSink {
        try SMTPSink(
            auth: auth ? .init(user: "wms", password: password) : nil,
            tls: .init(mode: .starttls, certificate: server.0, key: server.1, clientCA: clientCA))
    }

    /// The config of `EmailTests` with `require_tls: true`, `tls_config` keys and extra keys.
    static func config(
        port: Int, host: String = "127.0.0.1", tls: [String: String] = [:], extra: [String] = []
    ) -> String {
        var lines = ["        require_tls: true"]
        if !tls.isEmpty {
            lines.append("        tls_config:")
            lines += tls.keys.sorted().map { "          \($0): '\(tls[$0] ?? "")'" }
        }
        lines += extra.map { "        " + $0 }
        return EmailTests.config(port: port)
            .replacingOccurrences(of: "        require_tls: false", with: lines.joined(separator: "\n"))
            .replacingOccurrences(of: "smarthost: '127.0.0.1:", with: "smarthost: '\(host):")
    }

    /// Sends one notification; nil when delivered, the error otherwise.
    static func send(_ yaml: String) async throws -> NotifyError? {
        let notifier = try EmailTests.notifier(yaml)
        do throws(NotifyError) {
            try await notifier.notify(EmailTests.alerts, group: EmailTests.group)
            return nil
        } catch {
            return error
        }
    }

    /// Sends one notification that must be the first `sink` receives; the message as it arrived.
    static func deliver(_ yaml: String, to sink: SMTPSink) async throws -> SMTPSink.Message {
        let failure = try await send(yaml)
        #expect(failure == nil, "\(String(describing: failure)) \(sink.log)")
        return try #require(try await EmailTests.waitForMessages(sink, count: 1).first)
    }

    /// A CA and a server certificate for `altNames` signed by it.
    static func authority(serverNames altNames: String) throws -> (ca: TestCertificateAuthority, tls: (String, String)) {
        let ca = try TestCertificateAuthority()
        let server = try ca.issue("smtp", subject: "/CN=binwatch test smtp", altNames: altNames)
        return (ca, (server.certificate, server.key))
    }

    @Test func starttlsWithCAFileDeliversOverTheUpgradedSession() async throws {
        let (ca, server) = try Self.authority(serverNames: "IP:127.0.0.1")
        defer { ca.remove() }
        let sink = try Self.starttlsSink(server)
        defer { sink.stop() }
        let yaml = Self.config(port: sink.port, tls: ["ca_file": ca.caCertificate])
        let message = try await Self.deliver(yaml, to: sink)
        #expect(message.tls == "starttls")
        #expect(message.tlsVersion?.hasPrefix("TLSv1.") == true)
        let expected = try EmailTests.notifier(yaml).message(EmailTests.alerts, group: EmailTests.group)
        #expect(message.mailFrom == "alerts@example.com")
        #expect(message.rcptTos == ["wms-ops@example.com", "night@example.com"])
        #expect(message.header("Subject") == ["[FIRING:2] BinFull plant-7 (critical)"])
        #expect(message.parts.first?.body == expected.text)
        #expect(message.parts.last?.body == expected.html)
    }

    @Test func unknownCAFailsRetryablyNamingTheCertificateAndInsecureSkipVerifyDelivers() async throws {
        let (ca, server) = try Self.authority(serverNames: "IP:127.0.0.1")
        defer { ca.remove() }
        let sink = try Self.starttlsSink(server, auth: true)
        defer { sink.stop() }
        let failure = try #require(try await Self.send(Self.config(port: sink.port, extra: Self.authKeys)))
        #expect(failure.isRetryable && failure.kind == .transport)
        #expect(failure.message.contains("smtp://127.0.0.1:\(sink.port)"), "\(failure)")
        #expect(failure.message.contains("certificate"), "\(failure)")
        #expect(leakedSecrets(in: "\(failure) \(failure.message)", secrets: [Self.password]).isEmpty)
        #expect(try sink.messages().isEmpty)

        let skipping = Self.config(port: sink.port, tls: ["insecure_skip_verify": "true"], extra: Self.authKeys)
            .replacingOccurrences(of: "'true'", with: "true")
        let message = try await Self.deliver(skipping, to: sink)
        #expect(message.tls == "starttls" && message.authLogin == "wms")
    }

    @Test func serverNameMismatchFailsAndTheRightServerNameDelivers() async throws {
        let (ca, server) = try Self.authority(serverNames: "DNS:smtp.binwatch.test")
        defer { ca.remove() }
        let sink = try Self.starttlsSink(server)
        defer { sink.stop() }
        let mismatch = try #require(try await Self.send(Self.config(port: sink.port, tls: ["ca_file": ca.caCertificate])))
        #expect(mismatch.isRetryable)
        // libcurl/OpenSSL name the host the certificate was checked against.
        #expect(mismatch.message.contains("127.0.0.1") && mismatch.message.contains("name"), "\(mismatch)")
        #expect(try sink.messages().isEmpty)

        let named = Self.config(port: sink.port, tls: ["ca_file": ca.caCertificate, "server_name": "smtp.binwatch.test"])
        let message = try await Self.deliver(named, to: sink)
        #expect(message.tls == "starttls")
        // The envelope and the EHLO name are unchanged by the name checked.
        #expect(message.ehlo == "binwatch.example" && message.rcptTos.count == 2)
    }

    @Test func clientCertificateIsPresentedOverSTARTTLS() async throws {
        let (ca, server) = try Self.authority(serverNames: "IP:127.0.0.1")
        defer { ca.remove() }
        let client = try ca.issue("client", subject: "/CN=binwatch-client", altNames: nil)
        let sink = try Self.starttlsSink(server, clientCA: ca.caCertificate)
        defer { sink.stop() }
        let yaml = Self.config(
            port: sink.port, tls: ["ca_file": ca.caCertificate, "cert_file": client.certificate, "key_file": client.key])
        let message = try await Self.deliver(yaml, to: sink)
        #expect(message.tls == "starttls" && message.clientCertificate == "binwatch-client")
    }

    @Test func authOverSTARTTLSDeliversAndNoErrorHoldsThePassword() async throws {
        let (ca, server) = try Self.authority(serverNames: "IP:127.0.0.1")
        defer { ca.remove() }
        // The sink refuses AUTH before STARTTLS (auth_require_tls), so a login proves the order.
        let sink = try Self.starttlsSink(server, auth: true)
        defer { sink.stop() }
        let message = try await Self.deliver(Self.config(port: sink.port, tls: ["ca_file": ca.caCertificate], extra: Self.authKeys), to: sink)
        #expect(message.tls == "starttls")
        #expect(message.authLogin == "wms" && ["PLAIN", "LOGIN"].contains(message.authMechanism ?? ""))

        let wrong = ["auth_username: wms", "auth_password: \(Self.password)-wrong"]
        let refused = try #require(try await Self.send(Self.config(port: sink.port, tls: ["ca_file": ca.caCertificate], extra: wrong)))
        #expect(refused.isRetryable && refused.message.contains("authentication failed"), "\(refused)")
        #expect(leakedSecrets(in: "\(refused) \(refused.message)", secrets: [Self.password]).isEmpty)
        #expect(try sink.messages().count == 1)
    }

    /// Binds `host`:465 on the first free loopback address from 127.0.0.2 (port 465 needs root).
    static func sinkOn465(tls: SMTPSink.TLS?) throws -> SMTPSink {
        var lastError: (any Error)?
        for last in 2...9 {
            do { return try SMTPSink(tls: tls, host: "127.0.0.\(last)", port: 465) } catch { lastError = error }
        }
        throw lastError ?? ChildProcessError(message: "no loopback address had port 465 free")
    }

    @Test(.enabled(if: getuid() == 0, "binding port 465 needs root (tests run as root here and in CI)"))
    func implicitTLSOnPort465DeliversAndAPlainClientFails() async throws {
        let (ca, server) = try Self.authority(serverNames: (2...9).map { "IP:127.0.0.\($0)" }.joined(separator: ","))
        defer { ca.remove() }
        let sink = try Self.sinkOn465(tls: .init(mode: .implicit, certificate: server.0, key: server.1))
        defer { sink.stop() }
        let host = sink.host
        // require_tls stays true: the connection is encrypted from the first byte (see docs).
        let message = try await Self.deliver(Self.config(port: 465, host: host, tls: ["ca_file": ca.caCertificate]), to: sink)
        #expect(message.tls == "implicit")
        #expect(message.header("Subject") == ["[FIRING:2] BinFull plant-7 (critical)"])

        // A plain SMTP client waits for a greeting the TLS server never sends in clear.
        var plain = SMTPRequest(host: host, port: 465, from: "a@example.com", recipients: ["b@example.com"], message: Array("x\r\n".utf8))
        plain.requireSTARTTLS = false
        plain.timeout = .seconds(2)
        let plainError = await #expect(throws: HTTPClientError.self) { try await CurlSMTPClient().send(plain) }
        #expect(plainError?.kind == .timedOut, "\(String(describing: plainError))")
        #expect(try sink.messages().count == 1)
    }

    @Test(.enabled(if: getuid() == 0, "binding port 465 needs root (tests run as root here and in CI)"))
    func port465AgainstAPlainServerFailsClearly() async throws {
        let sink = try Self.sinkOn465(tls: nil)
        defer { sink.stop() }
        let host = sink.host
        let failure = try #require(try await Self.send(Self.config(port: 465, host: host)))
        #expect(failure.isRetryable && failure.message.contains("smtps://\(host):465"), "\(failure)")
        #expect(try sink.messages().isEmpty)
    }
}
