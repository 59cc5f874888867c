@testable import Daemon
import Model
import Testing

/// The exporter-toolkit web config format: what it accepts, and every problem at file:line:col.
@Suite struct WebConfigDecodingTests {
    @Test func decodesEveryKey() throws {
        let text = """
            tls_server_config:
              cert_file: server.crt
              key_file: /etc/binwatch/server.key
              client_auth_type: RequireAndVerifyClientCert
              client_ca_file: ca.crt
              min_version: TLS12
              max_version: TLS13
              cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]
            http_server_config:
              headers:
                X-Frame-Options: deny
                strict-transport-security: max-age=31536000
            basic_auth_users:
              ops: $2y$04$h6ai0RqmwwemcKfdQNgC6OtpoaJB3GTF3QU1dNbWaWCZBMhvljula
            """
        let config = try WebConfig.decode(text, path: "/etc/binwatch/web.yml")
        let tls = try #require(config.tls)
        #expect(tls.certFile == "/etc/binwatch/server.crt")
        #expect(tls.keyFile == "/etc/binwatch/server.key")
        #expect(tls.clientCAFile == "/etc/binwatch/ca.crt")
        #expect(tls.clientAuth == .requireAndVerify)
        #expect(tls.minVersion == .tls12 && tls.maxVersion == .tls13)
        #expect(tls.cipherSuites == ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"])
        #expect(config.headers.map(\.name) == ["X-Frame-Options", "Strict-Transport-Security"])
        #expect(config.basicAuthUsers["ops"]?.reveal().hasPrefix("$2y$04$") == true)
        #expect(try WebConfig.decode("", path: "/x/web.yml") == WebConfig())
    }

    @Test func reportsEveryProblemWithPosition() throws {
        let text = """
            tls_server_config:
              cert_file: server.crt
              client_auth_type: Sometimes
              min_version: SSL3
              cipher_suites: [TLS_FAST]
            http_server_config:
              headers: {Server: binwatch}
            basic_auth_users:
              ops: plaintext-password
            colour: blue
            """
        do {
            _ = try WebConfig.decode(text, path: "/x/web.yml")
            Issue.record("expected errors")
        } catch {
            let lines = error.errors.map(\.description)
            #expect(lines.contains { $0.hasPrefix("/x/web.yml:2:3: tls_server_config: expected key_file beside cert_file") }, "\(lines)")
            #expect(lines.contains { $0.hasPrefix("/x/web.yml:7:21: http_server_config.headers.Server: expected one of the headers") }, "\(lines)")
            #expect(lines.contains { $0.hasPrefix("/x/web.yml:9:8: basic_auth_users.ops: expected a bcrypt hash") }, "\(lines)")
            #expect(lines.contains { $0.hasPrefix("/x/web.yml:10:1: colour: expected one of the keys") }, "\(lines)")
            // The password never reaches a message.
            #expect(!error.description.contains("plaintext-password"))
        }
        // Without a cert, the TLS keys beside it are checked too.
        do {
            _ = try WebConfig.decode("""
                tls_server_config:
                  cert_file: a.crt
                  key_file: a.key
                  client_auth_type: Sometimes
                  min_version: SSL3
                  cipher_suites: [TLS_FAST]
                """, path: "/x/web.yml")
            Issue.record("expected errors")
        } catch {
            let lines = error.errors.map(\.description)
            #expect(lines.contains { $0.hasPrefix("/x/web.yml:4:21: tls_server_config.client_auth_type: expected one of NoClientCert") }, "\(lines)")
            #expect(lines.contains { $0.hasPrefix("/x/web.yml:5:16: tls_server_config.min_version: expected one of TLS10") }, "\(lines)")
            #expect(lines.contains { $0.hasPrefix("/x/web.yml:6:19: tls_server_config.cipher_suites") }, "\(lines)")
        }
    }
}
