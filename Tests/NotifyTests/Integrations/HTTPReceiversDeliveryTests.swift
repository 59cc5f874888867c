import Foundation
import HTTPClient
import Model
import Notify
import NotifyTesting
import Testing

/// The OpsGenie, Telegram, Pushover, VictorOps and Teams integrations as the daemon builds
/// them from config, sending to a real local HTTP receiver: method, path (secrets in it
/// where the service puts them), headers and body as built; statuses classified as
/// Alertmanager's retriers do; no secret in any error.
@Suite(.serialized) struct HTTPReceiversDeliveryTests {
    static let environment = [
        "OG": "OGKEY-1a2b3c", "TG": "123456:TGTOKENabc", "POU": "POUSERkey0001", "POT": "POTOKENkey0002",
        "VO": "VOKEY-9z8y7x", "TEAMS_PATH": "/teams/webhookb2/TEAMSTOKEN",
    ]
    static var secrets: [String] { ["OGKEY-1a2b3c", "TGTOKENabc", "POUSERkey0001", "POTOKENkey0002", "VOKEY-9z8y7x", "TEAMSTOKEN"] }

    /// The receiver's integrations by name, Pushover's pointed at the local receiver.
    func integrations(_ hook: LocalReceiver) throws -> [String: any Notifier] {
        let yaml = """
            route: {receiver: r}
            receivers:
              - name: r
                opsgenie_configs: [{api_key: '${OG}', api_url: '\(hook.url)/og/', update_alerts: true}]
                telegram_configs: [{bot_token: '${TG}', chat_id: -42, api_url: '\(hook.url)/tg'}]
                pushover_configs: [{user_key: '${POU}', token: '${POT}'}]
                victorops_configs: [{api_key: '${VO}', routing_key: wms, api_url: '\(hook.url)/vo/'}]
                msteams_configs: [{webhook_url: '\(hook.url)${TEAMS_PATH}'}]
            """
        let config = try NotifyConfig.parse(yaml: yaml, file: "am.yml", environment: Self.environment)
        let list = try #require(config.integrations(externalURL: "http://binwatch:9464", transport: CurlHTTPClient())["r"])
        var byName: [String: any Notifier] = [:]
        for integration in list { byName[integration.info.name] = integration.notifier }
        var pushover = try #require(byName["pushover"] as? PushoverNotifier)
        pushover.apiURL = hook.url + "/po/1/messages.json"
        byName["pushover"] = pushover
        #expect(list.map(\.info.id) == ["opsgenie[0]", "telegram[0]", "pushover[0]", "victorops[0]", "msteams[0]"])
        #expect(list.allSatisfy { $0.info.sendResolved })
        return byName
    }

    func path(_ url: String, _ hook: LocalReceiver) -> String { String(url.dropFirst(hook.url.count)) }

    @Test func eachReceiverSendsItsRequest() async throws {
        let hook = try LocalReceiver()
        defer { hook.stop() }
        let notifiers = try integrations(hook)
        let alerts = [Fixtures.diskFull], group = Fixtures.slackGroup
        for name in ["opsgenie", "telegram", "pushover", "victorops", "msteams"] {
            try await #require(notifiers[name]).notify(alerts, group: group)
        }
        let received = try await hook.requests()
        let og = try #require(notifiers["opsgenie"] as? OpsGenieNotifier).requests(alerts, group: group)
        let tg = try #require(notifiers["telegram"] as? TelegramNotifier).request(alerts, group: group)
        let po = try #require(notifiers["pushover"] as? PushoverNotifier).request(alerts, group: group)
        let vo = try #require(notifiers["victorops"] as? VictorOpsNotifier).request(alerts, group: group)
        let teams = try #require(notifiers["msteams"] as? MSTeamsNotifier).body(alerts, group: group)
        var expected: [(method: String, path: String, type: String, body: String)] = []
        for request in og { expected.append((request.method.rawValue, path(request.url, hook), "application/json", request.body)) }
        expected.append(("POST", "/tg/bot123456:TGTOKENabc/sendMessage", "application/json", tg.body))
        expected.append(("POST", path(po.url, hook), "text/plain", ""))
        expected.append(("POST", "/vo/VOKEY-9z8y7x/wms", "application/json", vo.body))
        expected.append(("POST", "/teams/webhookb2/TEAMSTOKEN", "application/json", teams))
        #expect(received.count == expected.count)
        for (request, want) in zip(received, expected) {
            #expect(request.method == want.method && request.path == want.path, "\(request.method) \(request.path)")
            #expect(request.headers["content-type"] == want.type && request.body == want.body, "\(request.path)")
        }
        // OpsGenie's key rides in its own header on all three requests.
        #expect(received.prefix(3).allSatisfy { $0.headers["authorization"] == "GenieKey OGKEY-1a2b3c" })
        #expect(received.prefix(3).map(\.path) == [
            "/og/v2/alerts", "/og/v2/alerts/\(group.hash)/message?identifierType=alias",
            "/og/v2/alerts/\(group.hash)/description?identifierType=alias",
        ])
        #expect(path(po.url, hook).contains("&token=POTOKENkey0002&") && path(po.url, hook).hasSuffix("&user=POUSERkey0001"))
        #expect(received.dropFirst(3).allSatisfy { $0.headers["authorization"] == nil })
    }

    /// 4xx fails at once, 429 and 5xx are retried, as Alertmanager's retriers do (with
    /// binwatch's shared 429 rule); no error text holds a secret.
    @Test func statusesAreClassifiedAndErrorsHoldNoSecret() async throws {
        let hook = try LocalReceiver()
        defer { hook.stop() }
        let notifiers = try integrations(hook)
        let alerts = [Fixtures.diskFull], group = Fixtures.slackGroup
        let paths = [
            "opsgenie": "/og/v2/alerts", "telegram": "/tg/bot123456:TGTOKENabc/sendMessage",
            "pushover": path(try #require(notifiers["pushover"] as? PushoverNotifier).request(alerts, group: group).url, hook),
            "victorops": "/vo/VOKEY-9z8y7x/wms", "msteams": "/teams/webhookb2/TEAMSTOKEN",
        ]
        // Each error body echoes the receiver's own secrets, as a careless service might.
        let echoes = [
            "opsgenie": "OGKEY-1a2b3c", "telegram": "123456:TGTOKENabc", "pushover": "POUSERkey0001 POTOKENkey0002",
            "victorops": "VOKEY-9z8y7x", "msteams": "/teams/webhookb2/TEAMSTOKEN",
        ]
        for (name, requestPath) in paths.sorted(by: { $0.key < $1.key }) {
            let echo = try #require(echoes[name])
            try await hook.script(requestPath, [400, 429, 503].map { LocalReceiver.Response(status: $0, body: "bad: " + echo) })
            let notifier = try #require(notifiers[name])
            var outcomes: [Bool] = []
            for _ in 0..<3 {
                do {
                    try await notifier.notify(alerts, group: group)
                    Issue.record("\(name) succeeded on an error status")
                } catch {
                    outcomes.append(error.isRetryable)
                    #expect(error.statusCode != nil, "\(name): \(error)")
                    #expect(leakedSecrets(in: error.description, secrets: Self.secrets).isEmpty, "\(name): \(error)")
                }
            }
            // Telegram retries every failure, as Alertmanager 0.25 does.
            #expect(outcomes == (name == "telegram" ? [true, true, true] : [false, true, true]), "\(name)")
        }
    }

    @Test func telegramRefusalInABodyFails() async throws {
        let hook = try LocalReceiver()
        defer { hook.stop() }
        let telegram = try #require(try integrations(hook)["telegram"])
        try await hook.script("/tg/bot123456:TGTOKENabc/sendMessage", [
            .init(status: 200, body: #"{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}"#),
            .init(status: 200, body: #"{"ok":true,"result":{"message_id":7,"chat":{"id":-42}}}"#),
        ])
        do {
            try await telegram.notify([Fixtures.diskFull], group: Fixtures.slackGroup)
            Issue.record("a refused message counted as sent")
        } catch {
            #expect(error.isRetryable && error.message == "telegram: Bad Request: chat not found")
        }
        try await telegram.notify([Fixtures.diskFull], group: Fixtures.slackGroup)
    }
}
