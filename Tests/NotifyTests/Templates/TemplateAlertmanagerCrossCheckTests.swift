import Foundation
import HTTPClient
import Model
import Notify
import NotifyTesting
import Testing
import TestSupport

/// Custom templates rendered by binwatch and by a real Alertmanager 0.25 (Debian's,
/// clustering off) for the same alerts, templates file and receiver config: the Slack and
/// PagerDuty bodies Alertmanager posts to a local receiver must equal binwatch's.
@Suite(.serialized, .enabled(if: AlertmanagerProcess.isInstalled, "prometheus-alertmanager is not installed: cross-check skipped"))
struct TemplateAlertmanagerCrossCheckTests {
    static let templateFile = #"""
        {{ define "wms.title" }}[{{ .Status | toUpper }}] {{ .GroupLabels.SortedPairs.Values | join "/" }}{{ if gt (len .Alerts.Firing) 1 }} ({{ len .Alerts.Firing }} bins){{ end }}{{ end }}
        {{ define "wms.alert" }}{{ .Labels.instance }} {{ .Status }} since {{ .StartsAt.Format "2006-01-02 15:04:05 MST" }}{{ with .Annotations.runbook }} runbook={{ . }}{{ end }}{{ end }}
        {{ define "wms.text" -}}
        {{ range .Alerts.Firing }}* {{ template "wms.alert" . }}
        {{ end -}}
        {{ range $i, $a := .Alerts.Resolved }}resolved #{{ $i }}: {{ $a.Labels.instance }} ended {{ $a.EndsAt.UTC.Unix }}
        {{ end -}}
        common: {{ range .CommonLabels.SortedPairs }}{{ .Name }}={{ .Value }} {{ end }}
        rest: {{ .CommonLabels.Remove .GroupLabels.Names }} names={{ .GroupLabels.Names }}
        {{- end }}
        """#

    /// The receiver section, with the secrets written as `SLACK`/`PDKEY` placeholders.
    static let receivers = #"""
        receivers:
          - name: wms.team
            slack_configs:
              - api_url: SLACK
                send_resolved: true
                channel: '#wms'
                title: '{{ template "wms.title" . }}'
                text: '{{ template "wms.text" . }}'
                pretext: '{{ title "bin uTILIZATION" }} {{ reReplaceAll "^(\\w+)-(\\d+)$" "$2:$1" .CommonLabels.facility }} {{ if match "^plant" .CommonLabels.facility }}plant{{ end }}'
                fields:
                  - {title: '{{ .CommonLabels.alertname | toLower }}', value: '{{ .Alerts | len }} alerts, {{ .CommonAnnotations.summary }}', short: true}
            pagerduty_configs:
              - routing_key: PDKEY
                url: PDURL
                description: '{{ .CommonLabels.alertname }}: {{ len .Alerts.Firing }} firing, {{ len .Alerts.Resolved }} resolved {{ .GroupLabels.Remove (stringSlice "alertname") }}'
                severity: '{{ if eq .CommonLabels.severity "critical" }}critical{{ else }}warning{{ end }}'
                details:
                  instances: '{{ range .Alerts }}{{ .Labels.instance }}={{ .Status }};{{ end }}'
                  fingerprints: '{{ range .Alerts }}{{ .Fingerprint }} {{ end }}'
        """#

    static let routingKey = "0123456789abcdef0123456789abcdef"

    @Test func customSlackAndPagerDutyTemplatesMatchAlertmanager() async throws {
        let hook = try LocalReceiver()
        defer { hook.stop() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-tmpl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.templateFile.write(to: dir.appendingPathComponent("wms.tmpl"), atomically: true, encoding: .utf8)

        let route = "route: {receiver: wms.team, group_by: [alertname, facility], group_wait: 15s, group_interval: 1h, repeat_interval: 4h}\n"
        let amYAML = "templates: ['\(dir.path)/*.tmpl']\n" + route + Self.receivers
            .replacingOccurrences(of: "SLACK", with: "'\(hook.url)/slack'")
            .replacingOccurrences(of: "PDKEY", with: Self.routingKey)
            .replacingOccurrences(of: "PDURL", with: "'\(hook.url)/pd'")
        let am = try await AlertmanagerProcess(config: amYAML)
        defer { am.stop() }

        // Three bins of one facility: two firing, one already resolved; times in ms, as Prometheus sends.
        // Alertmanager flushes a new group at once when startsAt + group_wait has passed, which
        // could race the insertion of the other two alerts: startsAt stays within group_wait.
        let now = Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000))
        func alert(_ instance: String, runbook: String? = nil, resolved: Bool = false) -> Alert {
            var annotations = ["summary": "bin over 95% full"]
            if let runbook { annotations["runbook"] = runbook }
            return Alert(
                labels: Labels(["alertname": "BinFull", "facility": "plant-7", "instance": instance, "severity": "critical"]),
                annotations: Labels(annotations), startsAt: now - PromDuration(milliseconds: 2_234),
                endsAt: resolved ? now - PromDuration(milliseconds: 1_500) : nil, generatorURL: "http://binwatch:9464/graph?g0.expr=bin")
        }
        let alerts = [alert("bin-a1"), alert("bin-a2", runbook: "http://wiki/bins"), alert("bin-a3", resolved: true)]
        // As Prometheus sends them: firing alerts carry a validity horizon.
        let sent = alerts.map { a in
            var a = a
            if a.endsAt == nil { a.endsAt = now + PromDuration(seconds: 300) }
            return a
        }
        let forwarder = AlertmanagerNotifier(config: AlertmanagerConfig(targets: ["127.0.0.1:\(am.port)"]), transport: CurlHTTPClient())
        #expect(await forwarder.send(sent).isEmpty)

        var slackBody: String?, pdBody: String?
        // Alertmanager runs on its own wall clock (group_wait 15s: the whole POST is in before the
        // flush even when a loaded machine takes seconds to send it): poll what it posted.
        _ = try await eventually {
            for request in try await hook.requests() {
                if request.path == "/slack" { slackBody = request.body }
                if request.path == "/pd" { pdBody = request.body }
            }
            return slackBody != nil && pdBody != nil
        }
        let amLog = (try? String(contentsOf: am.directory.appendingPathComponent("am.log"), encoding: .utf8)) ?? ""
        let amSlack = try #require(slackBody, "Alertmanager sent no Slack notification: \(amLog.suffix(2000))")
        let amPD = try #require(pdBody, "Alertmanager sent no PagerDuty notification")

        // binwatch: the same config (secrets from the environment), the same alerts in
        // Alertmanager's order, the group key Alertmanager's dispatcher builds.
        let ours = """
            templates: ['*.tmpl']
            \(route)\(Self.receivers
                .replacingOccurrences(of: "SLACK", with: "${SLACK_URL}")
                .replacingOccurrences(of: "PDKEY", with: "${PD_KEY}")
                .replacingOccurrences(of: "PDURL", with: "'\(hook.url)/pd'"))
            """
        let config = try NotifyConfig.parse(
            yaml: ours, file: dir.appendingPathComponent("binwatch.yml").path,
            environment: ["SLACK_URL": hook.url + "/slack", "PD_KEY": Self.routingKey],
            readFile: { try? String(contentsOfFile: $0, encoding: .utf8) })
        let integrations = config.integrations(externalURL: am.url, transport: CurlHTTPClient())
        let receiver = try #require(integrations["wms.team"])
        let group = GroupKey(routeKey: "{}", groupLabels: Labels(["alertname": "BinFull", "facility": "plant-7"]))
        let slack = try #require(receiver.first { $0.info.name == "slack" }?.notifier as? SlackNotifier)
        let pd = try #require(receiver.first { $0.info.name == "pagerduty" }?.notifier as? PagerDutyNotifier)
        let ourSlack = try slack.body(alerts, group: group)
        let ourPD = try pd.body(alerts, group: group)

        #expect(try Self.json(ourSlack) == Self.json(amSlack), "binwatch: \(ourSlack)\nAlertmanager: \(amSlack)")
        #expect(try Self.json(ourPD) == Self.json(amPD), "binwatch: \(ourPD)\nAlertmanager: \(amPD)")
        // The comparison is not vacuous: the custom templates rendered something.
        let text = try #require(((try Self.json(amSlack))["attachments"] as? [[String: Any]])?.first?["text"] as? String)
        #expect(text.contains("* bin-a2 firing since ") && text.contains("runbook=http://wiki/bins"))
        #expect(text.contains("resolved #0: bin-a3 ended \((now.milliseconds - 1_500) / 1000)"))
    }

    static func json(_ body: String) throws -> NSDictionary {
        try #require(JSONSerialization.jsonObject(with: Data(body.utf8)) as? NSDictionary)
    }
}
