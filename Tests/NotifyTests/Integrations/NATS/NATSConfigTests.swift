import HTTPClient
import Model
import NATSClient
import Notify
import NotifyTesting
import Testing

/// `nats_configs` decoded on the YAML layer: every key, and every mistake at its
/// `file:line:col` with what was expected, no secret in any message.
@Suite struct NATSConfigTests {
    static let files = ["/etc/binwatch/nats.pw": "hunter2-nats\n"]

    static func parse(_ yaml: String, environment: [String: String] = [:]) throws(ConfigErrors) -> NotifyConfig {
        try NotifyConfig.parse(yaml: yaml, file: "am.yml", environment: environment, readFile: { files[$0] })
    }

    @Test func decodesEveryKey() throws {
        let yaml = """
            route: {receiver: bus}
            receivers:
              - name: bus
                nats_configs:
                  - url: nats://127.0.0.1:4222, nats://10.0.0.2
                    subject: agog.alerts.binwatch
                    user: wms
                    password_file: /etc/binwatch/nats.pw
                    jetstream: true
                    send_resolved: false
                    max_alerts: 5
                    timeout: 3s
                  - url: [nats://bus-1:4222, 'nats://[::1]:5222']
                    subject: agog.deliverables.binwatch.alerts
                    token: ${NATS_TOKEN}
            """
        let config = try Self.parse(yaml, environment: ["NATS_TOKEN": "tok-secret-42"])
        let nats = config.receivers[0].nats
        try #require(nats.count == 2)
        #expect(nats[0].servers == [NATSServerURL(host: "127.0.0.1", port: 4222), NATSServerURL(host: "10.0.0.2", port: 4222)])
        #expect(nats[0].subject == "agog.alerts.binwatch")
        #expect(nats[0].user == "wms" && nats[0].password?.reveal() == "hunter2-nats" && nats[0].token == nil)
        #expect(nats[0].jetStream && !nats[0].sendResolved && nats[0].maxAlerts == 5)
        #expect(nats[0].timeout == PromDuration(seconds: 3))
        #expect(nats[1].servers.map(\.description) == ["nats://bus-1:4222", "nats://[::1]:5222"])
        #expect(nats[1].token?.reveal() == "tok-secret-42" && nats[1].user == nil && nats[1].password == nil)
        #expect(!nats[1].jetStream && nats[1].sendResolved && nats[1].maxAlerts == 0 && nats[1].timeout == nil)
        #expect(config.warnings.isEmpty)
        let integrations = config.integrations(externalURL: "http://binwatch", transport: CurlHTTPClient())
        #expect(integrations["bus"]?.map(\.info.id) == ["nats[0]", "nats[1]"])
        #expect(integrations["bus"]?.map(\.info.sendResolved) == [false, true])
        let dump = "\(config)" + String(reflecting: config)
        #expect(leakedSecrets(in: dump, secrets: ["hunter2-nats", "tok-secret-42"]).isEmpty)
    }

    @Test func mistakesAreRefusedAtTheirPosition() {
        let yaml = """
            route: {receiver: bus}
            receivers:
              - name: bus
                nats_configs:
                  - {url: 'nats://wms:hunter2@bus:4222', subject: 'agog.*.alerts'}
                  - {url: 'tls://bus:4222', subject: 'agog alerts', user: wms}
                  - {subject: agog.alerts, token: t, password: p, creds_file: /etc/nats.creds, tls_config: {ca_file: /ca}}
                  - {url: 'nats://bus'}
            """
        let key = "alerting.receivers[0].nats_configs"
        let url = "a nats://host[:port] URL, several separated by commas, or a list of them"
        let subject = "a NATS subject to publish to (dot-separated tokens, no wildcard, no space)"
        let expected = [
            "am.yml:5:15: \(key)[0].url: expected \(url), found credentials in the URL (give them as user/password or token)",
            "am.yml:5:55: \(key)[0].subject: expected \(subject), found a subject with a wildcard token (* or >), which can be subscribed to but not published to",
            "am.yml:6:15: \(key)[1].url: expected \(url), found \"tls://bus:4222\": only nats:// (plain TCP) is supported",
            "am.yml:6:42: \(key)[1].subject: expected \(subject), found a subject with whitespace or control characters",
            "am.yml:6:63: \(key)[1].user: expected password or password_file beside user, found user without a password",
            "am.yml:7:9: \(key)[2].url: expected \(url), found no such key",
            "am.yml:7:9: \(key)[2]: expected user beside password, found a password without a user",
            "am.yml:7:9: \(key)[2]: expected either user and password or token, found both",
            "am.yml:7:67: \(key)[2].creds_file: expected user/password or token credentials (binwatch's NATS client has no NKey or JWT support yet), found creds_file",
            "am.yml:7:96: \(key)[2].tls_config: expected a plain nats:// connection (binwatch's NATS client does not speak TLS yet), found tls_config",
            "am.yml:8:9: \(key)[3].subject: expected the NATS subject to publish to, found no such key",
        ]
        #expect {
            _ = try Self.parse(yaml)
        } throws: { error in
            let found = (error as? ConfigErrors)?.errors.map(\.description) ?? []
            // Printed on a mismatch, to show what the decoder said instead.
            if found != expected { print(found.joined(separator: "\n")) }
            return found == expected && !found.joined().contains("hunter2")
        }
    }
}
