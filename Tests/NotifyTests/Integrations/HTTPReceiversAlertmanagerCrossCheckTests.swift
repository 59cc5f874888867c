import Foundation
import HTTPClient
import Model
import Notify
import NotifyTesting
import Testing
import TestSupport

/// OpsGenie, VictorOps and Telegram through a real Alertmanager 0.25 (Debian's, clustering
/// off) and through binwatch with the same config and alerts: each request Alertmanager
/// makes to the local receiver (method, path with its secrets, content type, OpsGenie's
/// key header, body) is the one binwatch builds, firing and then resolved. Pushover has no
/// API URL setting in 0.25, and Teams arrived in 0.26: their shapes are checked in their
/// payload tests.
@Suite(.serialized, .enabled(if: AlertmanagerProcess.isInstalled, "prometheus-alertmanager is not installed: cross-check skipped"))
struct HTTPReceiversAlertmanagerCrossCheckTests {
    static let ogKey = "og-0a1b2c3d4e5f", voKey = "vo-6a7b8c9d", tgToken = "424242:AAtelegramTOKEN"

    /// The receiver, secrets written as OGKEY/VOKEY/TGTOKEN and the receiver's URL as HOOK.
    static let receivers = #"""
        receivers:
          - name: ops
            opsgenie_configs:
              - api_key: OGKEY
                api_url: 'HOOK/og/'
                update_alerts: true
                priority: '{{ if eq .CommonLabels.severity "critical" }}P1{{ else }}P3{{ end }}'
                tags: 'wms,{{ .CommonLabels.facility }}'
                note: 'runbook: {{ .CommonAnnotations.runbook }}'
                responders: [{name: 'ops,wms', type: teams}, {id: 'a1b2', type: Schedule}, {username: '{{ .CommonLabels.owner }}', type: user}]
                details: {facility: '{{ .CommonLabels.facility }}-x', shift: night}
            victorops_configs:
              - api_key: VOKEY
                api_url: 'HOOK/vo/'
                routing_key: '{{ .CommonLabels.facility }}'
                message_type: WARNING
                custom_fields: {site: plant, bins: '{{ len .Alerts }}'}
            telegram_configs:
              - bot_token: 'TGTOKEN'
                chat_id: -1001234
                api_url: 'HOOK/tg'
        """#

    @Test func sameRequestsAsAlertmanager() async throws {
        let hook = try LocalReceiver()
        defer { hook.stop() }
        let telegramPath = "/tg/bot\(Self.tgToken)/sendMessage"
        // telebot reads the Bot API's answer: without `ok` and a message it retries.
        let sent = LocalReceiver.Response(status: 200, body: #"{"ok":true,"result":{"message_id":1,"chat":{"id":-1001234}}}"#)
        try await hook.script(telegramPath, Array(repeating: sent, count: 20))

        let route = "route: {receiver: ops, group_by: [alertname], group_wait: 5s, group_interval: 2s, repeat_interval: 4h}\n"
        let amYAML = route + Self.receivers
            .replacingOccurrences(of: "OGKEY", with: Self.ogKey).replacingOccurrences(of: "VOKEY", with: Self.voKey)
            .replacingOccurrences(of: "TGTOKEN", with: Self.tgToken).replacingOccurrences(of: "HOOK", with: hook.url)
        let am = try await AlertmanagerProcess(config: amYAML)
        defer { am.stop() }

        // Two bins of one facility. startsAt a second ahead: Alertmanager waits the whole
        // group_wait for the group instead of flushing at once should the POST be slow.
        let startsAt = Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000) + 1000)
        func alert(_ instance: String, endsAt: Timestamp? = nil) -> Alert {
            Alert(
                labels: Labels(["alertname": "BinFull", "facility": "plant-7", "instance": instance, "severity": "critical"]),
                annotations: Labels(["summary": "bin <\(instance)> over 95% & rising", "runbook": "http://wiki/bins?a=1&b=2"]),
                startsAt: startsAt, endsAt: endsAt, generatorURL: "http://binwatch:9464/graph?g0.expr=bin_fill+%3E+0.95&g0.tab=1")
        }
        let firing = [alert("bin-a1"), alert("bin-a2")]
        let forwarder = AlertmanagerNotifier(config: AlertmanagerConfig(targets: ["127.0.0.1:\(am.port)"]), transport: CurlHTTPClient())
        // As Prometheus sends them: firing alerts carry a validity horizon.
        let horizon = startsAt + PromDuration(seconds: 600)
        #expect(await forwarder.send(firing.map { var a = $0; a.endsAt = horizon; return a }).isEmpty)

        let group = GroupKey(routeKey: "{}", groupLabels: Labels(["alertname": "BinFull"]))
        let closePath = "/og/v2/alerts/\(group.hash)/close?identifierType=alias"
        func amRequests(_ path: String) async throws -> [LocalReceiver.Request] {
            try await hook.requests().filter { $0.path == path }
        }
        let amLog = { (try? String(contentsOf: am.directory.appendingPathComponent("am.log"), encoding: .utf8)) ?? "" }
        // Alertmanager runs on its own wall clock: poll for what it posted.
        let voPath = "/vo/\(Self.voKey)/plant-7"
        /// How many requests reached the OpsGenie, VictorOps and Telegram paths so far.
        func counts(opsgenie opsgeniePath: (String) -> Bool) async throws -> (Int, Int, Int) {
            let all = try await hook.requests()
            return (all.filter { opsgeniePath($0.path) }.count, all.filter { $0.path == voPath }.count,
                    all.filter { $0.path == telegramPath }.count)
        }
        let fired = try await eventually {
            let (og, vo, tg) = try await counts { $0.hasPrefix("/og/") }
            return og >= 3 && vo >= 1 && tg >= 1
        }
        if !fired {
            let paths = try await hook.requests().map(\.path)
            Issue.record("Alertmanager sent too little: \(paths) \(amLog().suffix(3000))")
            return
        }

        // binwatch: the same config, secrets from the environment.
        let oursYAML = route + Self.receivers
            .replacingOccurrences(of: "OGKEY", with: "${OG_KEY}").replacingOccurrences(of: "VOKEY", with: "${VO_KEY}")
            .replacingOccurrences(of: "TGTOKEN", with: "${TG_TOKEN}").replacingOccurrences(of: "HOOK", with: hook.url)
        let config = try NotifyConfig.parse(
            yaml: oursYAML, file: "binwatch.yml",
            environment: ["OG_KEY": Self.ogKey, "VO_KEY": Self.voKey, "TG_TOKEN": Self.tgToken])
        let integrations = try #require(config.integrations(externalURL: am.url, transport: CurlHTTPClient())["ops"])
        let opsgenie = try #require(integrations.compactMap { $0.notifier as? OpsGenieNotifier }.first)
        let victorops = try #require(integrations.compactMap { $0.notifier as? VictorOpsNotifier }.first)
        let telegram = try #require(integrations.compactMap { $0.notifier as? TelegramNotifier }.first)

        func ours(_ alerts: [Alert]) throws -> [IntegrationRequest] {
            try opsgenie.requests(alerts, group: group) + [victorops.request(alerts, group: group), telegram.request(alerts, group: group)]
        }
        func compare(_ ours: [IntegrationRequest], _ theirs: [LocalReceiver.Request], _ phase: String) throws {
            #expect(ours.count == theirs.count, "\(phase): \(theirs.map(\.path))")
            for (mine, am) in zip(ours, theirs) {
                #expect(mine.method.rawValue == am.method && hook.url + am.path == mine.url, "\(phase): \(am.method) \(am.path)")
                #expect(am.headers["content-type"] == mine.contentType, "\(phase) \(am.path)")
                #expect(try Self.json(mine.body) == Self.json(am.body), "\(phase) \(am.path)\nbinwatch: \(mine.body)\nAlertmanager: \(am.body)")
                let authorization = am.path.hasPrefix("/og/") ? "GenieKey \(Self.ogKey)" : nil
                #expect(am.headers["authorization"] == authorization, "\(phase) \(am.path)")
            }
        }
        let opsgenieFiring = try await hook.requests().filter { $0.path.hasPrefix("/og/") }
        let firstVO = try #require(try await amRequests(voPath).first)
        let firstTG = try #require(try await amRequests(telegramPath).first)
        try compare(try ours(firing), Array(opsgenieFiring.prefix(3)) + [firstVO, firstTG], "firing")
        // Not vacuous: the templates rendered, and Telegram's HTML mode escaped the values.
        let text = try #require(try Self.json(firstTG.body)["text"] as? String)
        #expect(text.contains("summary = bin &lt;bin-a1&gt; over 95% &amp; rising") && text.contains("bin_fill&#43;%3E&#43;0.95&amp;g0.tab=1"))
        #expect(try Self.json(opsgenieFiring[0].body)["priority"] as? String == "P1")

        // Both resolve: Alertmanager closes the OpsGenie alert and sends VictorOps a RECOVERY.
        let endsAt = Timestamp(milliseconds: max(Int64(Date().timeIntervalSince1970 * 1000), startsAt.milliseconds))
        let resolved = firing.map { var a = $0; a.endsAt = endsAt; return a }
        #expect(await forwarder.send(resolved).isEmpty)
        let closed = try await eventually {
            let (og, vo, tg) = try await counts { $0 == closePath }
            return og >= 1 && vo >= 2 && tg >= 2
        }
        if !closed {
            let paths = try await hook.requests().map(\.path)
            Issue.record("no resolved notification: \(paths) \(amLog().suffix(3000))")
            return
        }
        let close = try #require(try await amRequests(closePath).last)
        let lastVO = try #require(try await amRequests(voPath).last)
        let lastTG = try #require(try await amRequests(telegramPath).last)
        try compare(try ours(resolved), [close, lastVO, lastTG], "resolved")
        #expect(try Self.json(lastVO.body)["message_type"] as? String == "RECOVERY")
    }

    static func json(_ body: String) throws -> NSDictionary {
        try #require(JSONSerialization.jsonObject(with: Data(body.utf8)) as? NSDictionary)
    }
}
