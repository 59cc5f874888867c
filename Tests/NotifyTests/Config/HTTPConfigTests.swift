import Foundation
import HTTPClient
import Model
import Notify
import NotifyTesting
import Testing

/// `http_config` decoded from Alertmanager's syntax and applied by the receivers: the
/// credentials arrive at a real local receiver, and never reach a message.
@Suite struct HTTPConfigTests {
    static let password = "hunter2-basic-password"
    static let token = "bearer-token-0123456789"

    @Test func basicAuthAuthorizationAndBearerTokenReachTheReceiver() async throws {
        let receiver = try LocalReceiver()
        defer { receiver.stop() }
        let yaml = """
            global:
              http_config: {basic_auth: {username: wms, password_file: /etc/binwatch/pw}}
            route: {receiver: basic}
            receivers:
              - name: basic
                webhook_configs: [{url: '\(receiver.url)/basic'}]
              - name: bearer
                webhook_configs: [{url: '\(receiver.url)/bearer', http_config: {bearer_token: '${TOKEN}'}}]
              - name: custom
                webhook_configs: [{url: '\(receiver.url)/custom', http_config: {authorization: {type: Token, credentials_file: /etc/binwatch/token}}}]
            """
        let files = ["/etc/binwatch/pw": Self.password + "\n", "/etc/binwatch/token": Self.token]
        let config = try NotifyConfig.parse(
            yaml: yaml, file: "alertmanager.yml", environment: ["TOKEN": Self.token], readFile: { files[$0] })
        // Only the webhook URLs (secrets in Alertmanager too) are inline; the credentials come from files and ${TOKEN}.
        #expect(config.warnings.map(\.keyPath).allSatisfy { $0.hasSuffix("webhook_configs[0].url") })
        let integrations = config.integrations(externalURL: "http://binwatch", transport: CurlHTTPClient())
        let alert = Alert(labels: Labels(["alertname": "A"]), annotations: Labels(), startsAt: Timestamp(milliseconds: 0))
        for name in ["basic", "bearer", "custom"] {
            let notifier = try #require(integrations[name]?.first?.notifier)
            try await notifier.notify([alert], group: GroupKey(routeKey: "{}", groupLabels: Labels()))
        }
        let basic = String(decoding: Data("wms:\(Self.password)".utf8).base64EncodedString().utf8, as: UTF8.self)
        #expect(try await receiver.delivered("/basic").map { $0.headers["authorization"] } == ["Basic \(basic)"])
        #expect(try await receiver.delivered("/bearer").map { $0.headers["authorization"] } == ["Bearer \(Self.token)"])
        #expect(try await receiver.delivered("/custom").map { $0.headers["authorization"] } == ["Token \(Self.token)"])
        let dump = "\(config)" + String(reflecting: config)
        #expect(leakedSecrets(in: dump, secrets: [Self.password, Self.token]).isEmpty)
    }

    @Test func oauth2ClientCredentialsTokenIsFetchedOnceAndSent() async throws {
        let receiver = try LocalReceiver()
        defer { receiver.stop() }
        try await receiver.script("/token", [.init(
            status: 200, body: #"{"access_token":"tok-abc","token_type":"bearer","expires_in":3600}"#,
            headers: ["Content-Type": "application/json"])])
        let yaml = """
            route: {receiver: hook}
            receivers:
              - name: hook
                webhook_configs:
                  - url_file: /etc/binwatch/hook.url
                    http_config:
                      oauth2:
                        client_id: binwatch
                        client_secret_file: /etc/binwatch/oauth.secret
                        token_url: '\(receiver.url)/token'
                        scopes: [alerts.write, read]
                        endpoint_params: {audience: wms}
            """
        let files = ["/etc/binwatch/hook.url": receiver.url + "/hook", "/etc/binwatch/oauth.secret": "s3cr3t/+ x\n"]
        let config = try NotifyConfig.parse(yaml: yaml, file: "am.yml", readFile: { files[$0] })
        let notifier = try #require(config.integrations(externalURL: "http://binwatch", transport: CurlHTTPClient())["hook"]?.first?.notifier)
        let alert = Alert(labels: Labels(["alertname": "A"]), startsAt: Timestamp(milliseconds: 0))
        for _ in 0..<2 { try await notifier.notify([alert], group: GroupKey(routeKey: "{}", groupLabels: Labels())) }
        let token = try await receiver.delivered("/token")
        #expect(token.count == 1, "the token is cached for its lifetime")
        #expect(token.first?.body == "grant_type=client_credentials&scope=alerts.write+read&audience=wms")
        let clientAuth = Data("binwatch:s3cr3t%2F%2B+x".utf8).base64EncodedString()
        #expect(token.first?.headers["authorization"] == "Basic \(clientAuth)")
        #expect(try await receiver.delivered("/hook").map { $0.headers["authorization"] } == ["Bearer tok-abc", "Bearer tok-abc"])
    }

    @Test func tlsAndProxySettingsDecode() throws {
        let config = try NotifyConfig.parse(yaml: """
            global:
              http_config:
                proxy_url: 'http://user:pw@proxy.example:3128'
                follow_redirects: false
                tls_config: {ca_file: /etc/ca.pem, cert_file: /etc/c.pem, key_file: /etc/k.pem, server_name: hooks.test, insecure_skip_verify: true}
            route: {receiver: r}
            receivers: [{name: r}]
            """, file: "am.yml")
        let http = config.global.http
        #expect(http.tls == .init(caFile: "/etc/ca.pem", certFile: "/etc/c.pem", keyFile: "/etc/k.pem", serverName: "hooks.test", insecureSkipVerify: true))
        #expect(http.proxyURL?.reveal() == "http://user:pw@proxy.example:3128")
        #expect(!http.followRedirects)
        #expect(!"\(config)".contains("user:pw"), "a proxy URL's credentials are a secret")
    }

    /// Alertmanager gives a receiver without `http_config` the global one, and a receiver with
    /// its own nothing of the global one (`if c.HTTPConfig == nil { c.HTTPConfig = global }`).
    @Test func aReceiversOwnHTTPConfigReplacesTheGlobalOneWhole() throws {
        let config = try NotifyConfig.parse(yaml: """
            global:
              http_config: {basic_auth: {username: u, password: p}, tls_config: {ca_file: /etc/ca.pem}}
            route: {receiver: r}
            receivers:
              - name: r
                webhook_configs:
                  - {url: 'http://127.0.0.1:9/inherits'}
                  - {url: 'http://127.0.0.1:9/own', http_config: {follow_redirects: false}}
            """, file: "am.yml")
        let (inherits, own) = (config.receivers[0].webhook[0].http, config.receivers[0].webhook[1].http)
        #expect(inherits == config.global.http)
        #expect(inherits.authorization != nil && inherits.tls.caFile == "/etc/ca.pem")
        #expect(own.authorization == nil && own.tls.caFile == nil && !own.followRedirects)
    }
}
