import Foundation
import HTTPClient
import Model
import Notify
import NotifyTesting
import Testing
import TestSupport

/// The same alerts and `email_configs` through a real Alertmanager 0.25 (Debian's, clustering
/// off) and through binwatch, both mailing the same SMTP server: envelope, EHLO name, Subject
/// (a non-ASCII group label: RFC 2047 encoded), From, To, a custom header, and the decoded text
/// and HTML bodies (Alertmanager's email.tmpl through html/template escaping) must be equal.
/// Date, Message-Id and the multipart boundary differ by nature and are not compared.
@Suite(
    .serialized,
    .enabled(if: AlertmanagerProcess.isInstalled, "prometheus-alertmanager is not installed: cross-check skipped"),
    .enabled(if: SMTPSink.isInstalled, "python3-aiosmtpd is not installed (scripts/setup.sh installs it)"))
struct EmailAlertmanagerCrossCheckTests {
    static func receivers(port: Int) -> String {
        #"""
        receivers:
          - name: wms team
            email_configs:
              - to: 'wms-ops@example.com, Night Shift <night@example.com>'
                from: 'binwatch <alerts@example.com>'
                smarthost: '127.0.0.1:PORT'
                hello: binwatch.example
                require_tls: false
                send_resolved: true
                text: '{{ range .Alerts }}{{ .Status }} {{ .Labels.instance }}: {{ .Annotations.summary }}{{ "\n" }}{{ end }}{{ template "__text_alert_list" .Alerts.Firing }}'
                headers: {x-facility: '{{ .GroupLabels.facility }}', X-Runbook: 'http://wiki/bins?a=1&b=2'}
        """#.replacingOccurrences(of: "PORT", with: String(port))
    }

    @Test func defaultEmailMatchesAlertmanager() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let route = "route: {receiver: wms team, group_by: [alertname, facility], group_wait: 15s, group_interval: 1h, repeat_interval: 4h}\n"
        let yaml = route + Self.receivers(port: sink.port)
        let am = try await AlertmanagerProcess(config: yaml)
        defer { am.stop() }

        // Two bins firing, one resolved, values that html/template must escape; startsAt within
        // group_wait so the group is flushed once, with all three (see the template cross-check).
        let now = Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000))
        func alert(_ instance: String, resolved: Bool = false) -> Alert {
            Alert(
                labels: Labels(["alertname": "BinFull", "facility": "Köln-7", "instance": instance, "severity": "critical"]),
                annotations: Labels(["summary": "bin <\(instance)> over 95% & 'rising' + \"hot\""]),
                startsAt: now - PromDuration(milliseconds: 2_234),
                endsAt: resolved ? now - PromDuration(milliseconds: 1_500) : nil,
                generatorURL: "http://binwatch:9464/graph?g0.expr=bin_fill%20%3E%200.95&g0.tab=1")
        }
        let alerts = [alert("bin-a1"), alert("bin-a2"), alert("bin-a3", resolved: true)]
        let sent = alerts.map { a in
            var a = a
            if a.endsAt == nil { a.endsAt = now + PromDuration(seconds: 300) }
            return a
        }
        let forwarder = AlertmanagerNotifier(config: AlertmanagerConfig(targets: ["127.0.0.1:\(am.port)"]), transport: CurlHTTPClient())
        #expect(await forwarder.send(sent).isEmpty)
        // Alertmanager runs on its own wall clock: wait for its mail.
        _ = try await eventually { try sink.messages().count >= 1 }
        let amLog = (try? String(contentsOf: am.directory.appendingPathComponent("am.log"), encoding: .utf8)) ?? ""
        let theirs = try #require(try sink.messages().first, "Alertmanager sent no mail: \(amLog.suffix(2000)) \(sink.log)")

        let config = try NotifyConfig.parse(yaml: yaml, file: "binwatch.yml")
        let integrations = config.integrations(externalURL: am.url, transport: CurlHTTPClient())
        let email = try #require(integrations["wms team"]?.first { $0.info.name == "email" }?.notifier as? EmailNotifier)
        let group = GroupKey(routeKey: "{}", groupLabels: Labels(["alertname": "BinFull", "facility": "Köln-7"]))
        try await email.notify(alerts, group: group)
        _ = try await eventually { try sink.messages().count >= 2 }
        let ours = try #require(try sink.messages().dropFirst().first, "binwatch's mail did not arrive: \(sink.log)")

        #expect(ours.mailFrom == theirs.mailFrom && ours.rcptTos == theirs.rcptTos && ours.ehlo == theirs.ehlo)
        for name in ["Subject", "From", "To", "X-Facility", "X-Runbook", "MIME-Version"] {
            #expect(ours.header(name) == theirs.header(name), "\(name)")
        }
        #expect(theirs.header("Subject").first?.hasPrefix("=?utf-8?q?") == true, "the subject is encoded: \(theirs.header("Subject"))")
        #expect(ours.parts.map(\.contentType) == theirs.parts.map(\.contentType))
        #expect(ours.parts.map(\.transferEncoding) == theirs.parts.map(\.transferEncoding))
        #expect(ours.parts.count == 2)
        for (mine, alertmanagers) in zip(ours.parts, theirs.parts) {
            #expect(mine.body == alertmanagers.body, "binwatch:\n\(mine.body)\nAlertmanager:\n\(alertmanagers.body)")
        }
        // The comparison is not vacuous: both bodies carry the alerts, escaped in the HTML.
        let html = try #require(theirs.parts.last?.body)
        #expect(html.contains("bin &lt;bin-a2&gt; over 95% &amp; &#39;rising&#39; &#43; &#34;hot&#34;"))
        #expect(html.contains("[1] Resolved") && html.contains("[2] Firing"))
        #expect(theirs.parts.first?.body.contains("resolved bin-a3: bin <bin-a3>") == true)
    }
}
