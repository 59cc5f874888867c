import Foundation
import Model
import Notify
import NotifyTesting
import Testing

/// The OpsGenie, Telegram, Pushover, VictorOps, Microsoft Teams and SNS keys: judged as
/// amtool 0.25 judges them, with file:line:col errors, defaults and secrets kept secret.
@Suite struct HTTPReceiverConfigTests {
    static func receiver(_ body: String, global: String = "") -> String {
        "route: {receiver: r}\n" + (global.isEmpty ? "" : "global: {\(global)}\n") + "receivers: [{name: r, \(body)}]\n"
    }

    /// (yaml, accepted): each also given to amtool 0.25 when installed; both must agree.
    static let cases: [(String, Bool)] = [
        (receiver("opsgenie_configs: [{api_key: k}]"), true),
        (receiver("opsgenie_configs: [{send_resolved: false}]", global: "opsgenie_api_key: k"), true),
        (receiver("opsgenie_configs: [{api_url: 'http://og.example/'}]", global: "opsgenie_api_key_file: /etc/og.key"), true),
        (receiver("opsgenie_configs: [{message: m}]"), false),
        (receiver("opsgenie_configs: [{api_key: k, api_key_file: /etc/og.key}]"), false),
        (receiver("opsgenie_configs: [{}]", global: "opsgenie_api_key: k, opsgenie_api_key_file: /etc/og.key"), false),
        (receiver("opsgenie_configs: [{api_key: k, api_url: og.example}]"), false),
        (receiver("opsgenie_configs: [{api_key: k, update_alerts: true, priority: P2, tags: 'a,b', actions: x, entity: e, note: n, details: {team: wms, x: '{{ .Status }}'}}]"), true),
        (receiver("opsgenie_configs: [{api_key: k, responders: [{name: 'ops,wms', type: teams}, {id: '1', type: Team}, {username: u, type: user}]}]"), true),
        (receiver("opsgenie_configs: [{api_key: k, responders: [{name: '{{ .CommonLabels.team }}', type: '{{ .CommonLabels.kind }}'}]}]"), true),
        (receiver("opsgenie_configs: [{api_key: k, responders: [{name: ops, type: squad}]}]"), false),
        (receiver("opsgenie_configs: [{api_key: k, responders: [{type: team}]}]"), false),
        (receiver("opsgenie_configs: [{api_key: k, bogus: 1}]"), false),
        (receiver("telegram_configs: [{bot_token: t, chat_id: -1001234}]"), true),
        (receiver("telegram_configs: [{bot_token: t, chat_id: 42, parse_mode: MarkdownV2, disable_notifications: true, api_url: 'http://tg.example'}]"), true),
        (receiver("telegram_configs: [{bot_token: t, chat_id: 42, parse_mode: ''}]"), true),
        (receiver("telegram_configs: [{bot_token: t, chat_id: 42}]", global: "telegram_api_url: 'http://tg.example'"), true),
        (receiver("telegram_configs: [{bot_token: t}]"), false),
        (receiver("telegram_configs: [{chat_id: 42}]"), false),
        (receiver("telegram_configs: [{bot_token: t, chat_id: 42, parse_mode: markdown}]"), false),
        (receiver("telegram_configs: [{bot_token_file: /etc/tg, chat_id: 42}]"), false),
        (receiver("telegram_configs: [{bot_token: t, chat_id: twelve}]"), false),
        (receiver("pushover_configs: [{user_key: u, token: t}]"), true),
        (receiver("pushover_configs: [{user_key: u, token: t, retry: 30s, expire: 1h30m, html: true, sound: siren, priority: '{{ if eq .Status \"firing\" }}1{{ else }}0{{ end }}'}]"), true),
        (receiver("pushover_configs: [{user_key: u, token: t, retry: 1.5m}]"), true),
        (receiver("pushover_configs: [{user_key: u}]"), false),
        (receiver("pushover_configs: [{token: t}]"), false),
        (receiver("pushover_configs: [{user_key: u, token: t, retry: 30}]"), false),
        (receiver("pushover_configs: [{user_key: u, token: t, expire: 1d}]"), false),
        (receiver("victorops_configs: [{api_key: k, routing_key: wms}]"), true),
        (receiver("victorops_configs: [{routing_key: '{{ .CommonLabels.team }}', message_type: WARNING, custom_fields: {site: plant-1}}]", global: "victorops_api_key: k"), true),
        (receiver("victorops_configs: [{api_key_file: /etc/vo.key, routing_key: wms, api_url: 'http://vo.example/alert'}]"), true),
        (receiver("victorops_configs: [{api_key: k}]"), false),
        (receiver("victorops_configs: [{routing_key: wms}]"), false),
        (receiver("victorops_configs: [{api_key: k, routing_key: wms, custom_fields: {entity_id: x}}]"), false),
        (receiver("victorops_configs: [{api_key: k, api_key_file: /etc/vo.key, routing_key: wms}]"), false),
    ]

    @Test(arguments: cases)
    func agreesWithAmtool(_ yaml: String, _ accepted: Bool) throws {
        let ours = (try? NotifyConfig.parse(yaml: yaml, file: "am.yml")) != nil
        #expect(ours == accepted, "binwatch on: \(yaml)")
        guard let status = try AlertmanagerSyntaxTests.amtoolStatus(yaml) else { return }
        #expect((status == 0) == accepted, "amtool disagrees on: \(yaml)")
    }

    @Test func errorsNameTheLineColumnAndWhatWasExpected() throws {
        let yaml = """
            route: {receiver: r}
            receivers:
              - name: r
                opsgenie_configs:
                  - api_key: k
                    responders: [{name: ops, type: squad}]
                telegram_configs:
                  - {bot_token: t, chat_id: 0}
                victorops_configs:
                  - {api_key: k, routing_key: wms, custom_fields: {entity_id: x}}
            """
        do {
            _ = try NotifyConfig.parse(yaml: yaml, file: "am.yml")
            Issue.record("accepted")
        } catch {
            let text = error.errors.map(\.description)
            #expect(text.contains {
                $0.hasPrefix("am.yml:6:") && $0.contains("responders[0].type") && $0.contains("team, teams, user, escalation or schedule")
                    && $0.contains("\"squad\"")
            }, "\(text)")
            #expect(text.contains { $0.hasPrefix("am.yml:8:") && $0.contains("chat_id") && $0.contains("non-zero") }, "\(text)")
            #expect(text.contains { $0.hasPrefix("am.yml:10:") && $0.contains("custom_fields") && $0.contains("\"entity_id\"") }, "\(text)")
        }
    }

    @Test func defaultsAreAlertmanagers() throws {
        let yaml = Self.receiver("""
            opsgenie_configs: [{}], telegram_configs: [{bot_token: t, chat_id: 7}], \
            pushover_configs: [{user_key: u, token: t}], victorops_configs: [{routing_key: wms}], \
            msteams_configs: [{webhook_url: 'https://example.webhook.office.com/x'}]
            """, global: "opsgenie_api_key: og, victorops_api_key: vo")
        let receiver = try #require(try NotifyConfig.parse(yaml: yaml, file: "am.yml").receivers.first)
        let og = try #require(receiver.opsgenie.first)
        #expect(og.apiURL == "https://api.opsgenie.com/" && og.apiKey.reveal() == "og" && og.sendResolved && !og.updateAlerts)
        let tg = try #require(receiver.telegram.first)
        #expect(tg.apiURL == "https://api.telegram.org" && tg.parseMode == "HTML" && tg.chatID == 7 && tg.sendResolved)
        let po = try #require(receiver.pushover.first)
        #expect(po.retrySeconds == 60 && po.expireSeconds == 3600 && !po.html && po.sendResolved)
        let vo = try #require(receiver.victorops.first)
        #expect(vo.apiURL == "https://alert.victorops.com/integrations/generic/20131114/alert/" && vo.apiKey.reveal() == "vo")
        #expect(vo.messageType == .literal("CRITICAL") && vo.sendResolved)
        #expect(try #require(receiver.msteams.first).sendResolved)
        // OpsGenie and VictorOps API URLs get the trailing slash Alertmanager adds.
        let own = try NotifyConfig.parse(
            yaml: Self.receiver("opsgenie_configs: [{api_key: k, api_url: 'http://og.example/base'}], victorops_configs: [{api_key: k, routing_key: r, api_url: 'http://vo.example/alert'}]"),
            file: "am.yml")
        #expect(own.receivers[0].opsgenie[0].apiURL == "http://og.example/base/")
        #expect(own.receivers[0].victorops[0].apiURL == "http://vo.example/alert/")
    }

    @Test func snsIsRefusedSayingWhy() throws {
        let yaml = Self.receiver("sns_configs: [{topic_arn: 'arn:aws:sns:us-east-1:123456789012:wms', sigv4: {region: us-east-1}}]")
        do {
            _ = try NotifyConfig.parse(yaml: yaml, file: "am.yml")
            Issue.record("accepted sns_configs")
        } catch {
            let sns = try #require(error.errors.first { $0.keyPath.hasSuffix("sns_configs") }, "\(error)")
            #expect(sns.location.line == 2)
            #expect(sns.found.contains("SigV4") && sns.found.contains("webhook_configs"), "\(sns)")
            #expect(!error.errors.contains { $0.found.hasPrefix("unknown key") })
        }
        // amtool 0.25 accepts it: the refusal is binwatch's, and says so.
        if let status = try AlertmanagerSyntaxTests.amtoolStatus(yaml) { #expect(status == 0) }
    }

    @Test func msteamsIsAlertmanager026s() throws {
        let yaml = Self.receiver("msteams_configs: [{webhook_url: 'https://example.webhook.office.com/webhookb2/TOKEN', title: t}]")
        let config = try NotifyConfig.parse(yaml: yaml, file: "am.yml")
        #expect(config.receivers[0].msteams.first?.title == .literal("t"))
        #expect(throws: ConfigErrors.self) {
            _ = try NotifyConfig.parse(yaml: Self.receiver("msteams_configs: [{title: t}]"), file: "am.yml")
        }
        // amtool 0.25 has no msteams_configs (0.26 added it).
        if let status = try AlertmanagerSyntaxTests.amtoolStatus(yaml) { #expect(status != 0) }
    }

    @Test func inlineSecretsWarnAndNeverPrint() throws {
        let yaml = Self.receiver("""
            opsgenie_configs: [{api_key: OGSECRETKEY1}], telegram_configs: [{bot_token: '123:TGSECRETTOKEN', chat_id: 1}], \
            pushover_configs: [{user_key: POUSERSECRET, token: POTOKENSECRET}], \
            victorops_configs: [{api_key: VOSECRETKEY, routing_key: wms}], \
            msteams_configs: [{webhook_url: 'https://example.webhook.office.com/webhookb2/MSSECRET'}]
            """)
        let config = try NotifyConfig.parse(yaml: yaml, file: "am.yml")
        #expect(config.warnings.count == 6)
        #expect(config.warnings.allSatisfy { $0.found == "a secret written inline" })
        let dump = "\(config.warnings)" + "\(config)" + String(reflecting: config)
        #expect(leakedSecrets(in: dump, secrets: [
            "OGSECRETKEY1", "TGSECRETTOKEN", "POUSERSECRET", "POTOKENSECRET", "VOSECRETKEY", "MSSECRET",
        ]).isEmpty)
        // From the environment: no warning.
        let fromEnv = try NotifyConfig.parse(
            yaml: Self.receiver("telegram_configs: [{bot_token: '${TG_TOKEN}', chat_id: 1}]"), file: "am.yml",
            environment: ["TG_TOKEN": "123:abc"])
        #expect(fromEnv.warnings.isEmpty && fromEnv.receivers[0].telegram[0].botToken.reveal() == "123:abc")
    }
}
