@testable import Daemon
import Foundation
import Testing
import Yams

/// `config.original` of the Alertmanager API: every secret `<secret>`, whatever its form,
/// and nothing else changed (paths of `*_file` secrets, plain URLs, matchers).
@Suite struct RedactedAlertingConfigTests {
    static let section = """
        route: {receiver: ops, routes: [{matchers: ['severity="page"'], receiver: pager}]}
        receivers:
          - name: ops
            slack_configs:
              - api_url: https://hooks.slack.com/services/T0/B0/inline-slack-secret
                channel: '#ops'
            webhook_configs:
              - url: http://hook.example/token-in-url
                http_config:
                  basic_auth: {username: ops, password: inline-password}
                  authorization: {credentials: inline-credentials}
              - url_file: /etc/binwatch/hook_url
                http_config:
                  bearer_token: inline-bearer
                  oauth2: {client_id: binwatch, client_secret: inline-client-secret, token_url: https://idp.example/token}
          - name: pager
            pagerduty_configs:
              - routing_key: ${PD_KEY}
                url: https://events.pagerduty.com/v2/enqueue
        alertmanagers:
          - static_configs: [{targets: ['am.example:9093']}]
        global: {slack_api_url: https://hooks.slack.com/services/T0/B0/global-secret}
        """

    @Test func everySecretIsHiddenAndTheRestKept() throws {
        let node = try #require(try Yams.compose(yaml: Self.section))
        let text = RedactedAlertingConfig.text(of: node)
        for secret in ["inline-slack-secret", "token-in-url", "inline-password", "inline-credentials", "inline-bearer",
                       "inline-client-secret", "PD_KEY", "global-secret"] {
            #expect(!text.contains(secret), "\(secret) leaked:\n\(text)")
        }
        #expect(text.components(separatedBy: "<secret>").count - 1 == 8, "\(text)")
        for kept in ["channel: '#ops'", "url_file: /etc/binwatch/hook_url", "url: https://events.pagerduty.com/v2/enqueue",
                     "am.example:9093", "client_id: binwatch", "token_url: https://idp.example/token", "severity=\"page\""] {
            #expect(text.contains(kept), "\(kept) missing:\n\(text)")
        }
        // Still YAML with the same shape.
        let reparsed = try #require(try Yams.compose(yaml: text))
        #expect(reparsed["receivers"]?.sequence?.count == 2)
    }

    /// The status page's whole binwatch.yml: the alerting secrets, every `dsn`, remote write
    /// credentials and URL passwords hidden; the rest (URLs without a password, paths,
    /// `${VARIABLE}` names in non-secret places) kept.
    @Test func theWholeConfigHidesEverySectionsSecrets() throws {
        let file = """
            sources:
              postgres:
                - {name: wms, dsn: 'host=db user=wms password=pg-inline-secret'}
                - {name: uri, dsn: 'postgres://wms:pg-uri-secret@db/wms'}
              scrape:
                - job_name: api
                  params: {token: [scrape-param-secret], module: [wms]}
                  static_configs: [{targets: ['127.0.0.1:4000']}]
            remote_write:
              - url: https://rw-user:rw-url-secret@metrics.example/api/v1/write
                basic_auth: {username: rw, password: rw-password-secret, password_file: /etc/rw/password}
              - url: https://vm.example:8428/api/v1/write
                authorization: {credentials: rw-credentials-secret}
                headers: {X-Scope-OrgID: tenant-a, X-Api-Key: rw-header-secret}
            web: {listen_address: 127.0.0.1:9464, config_file: /etc/binwatch/web.yml}
            alerting:
            """ + "\n" + Self.section.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
        let node = try #require(try Yams.compose(yaml: file))
        let text = RedactedAlertingConfig.wholeConfigText(of: node)
        for secret in ["pg-inline-secret", "pg-uri-secret", "rw-url-secret", "rw-password-secret", "rw-credentials-secret",
                       "rw-header-secret", "scrape-param-secret",
                       "inline-slack-secret", "inline-password", "global-secret"] {
            #expect(!text.contains(secret), "\(secret) leaked:\n\(text)")
        }
        for kept in ["https://rw-user:<secret>@metrics.example/api/v1/write", "https://vm.example:8428/api/v1/write",
                     "/etc/rw/password", "/etc/binwatch/web.yml", "127.0.0.1:4000", "job_name: api", "tenant-a", "wms"] {
            #expect(text.contains(kept), "\(kept) missing:\n\(text)")
        }
    }

    @Test func theNewReceiversSecretsAreHiddenToo() throws {
        let section = """
            route: {receiver: r}
            global: {opsgenie_api_key: og-global-secret, victorops_api_key: vo-global-secret}
            receivers:
              - name: r
                opsgenie_configs: [{api_key: og-secret, responders: [{name: ops, type: team}]}]
                telegram_configs: [{bot_token: '123:tg-secret', chat_id: -42}]
                pushover_configs: [{user_key: po-user-secret, token: po-token-secret}]
                victorops_configs: [{api_key: vo-secret, routing_key: wms}]
                msteams_configs: [{webhook_url: 'https://example.webhook.office.com/teams-secret'}]
            """
        let text = RedactedAlertingConfig.text(of: try #require(try Yams.compose(yaml: section)))
        for secret in ["og-global-secret", "vo-global-secret", "og-secret", "tg-secret", "po-user-secret", "po-token-secret",
                       "vo-secret", "teams-secret"] {
            #expect(!text.contains(secret), "\(secret) leaked:\n\(text)")
        }
        for kept in ["chat_id: -42", "name: ops", "type: team"] {
            #expect(text.contains(kept), "\(kept) missing:\n\(text)")
        }
        // `routing_key` is PagerDuty's secret: VictorOps's (no secret in Alertmanager) is
        // hidden as well, stricter than Alertmanager, as webhook URLs are.
        #expect(text.contains("routing_key: <secret>"))
    }
}
