import Foundation
import HTTPClient
import Model
import Notify
import NotifyTesting
import Testing
import TestSupport

/// Pushover through a real Alertmanager 0.25 and through binwatch, both with the same
/// config: the API URL is fixed in both, so each sends through `http_config.proxy_url` to an
/// intercepting proxy that holds a certificate for api.pushover.net from a throwaway CA
/// (`tls_config.ca_file`). The requests that arrive (method, path with every parameter,
/// content type, empty body) must be the same.
@Suite(.serialized, .enabled(if: AlertmanagerProcess.isInstalled, "prometheus-alertmanager is not installed: cross-check skipped"))
struct PushoverAlertmanagerCrossCheckTests {
    static let user = "uQiRzpo4DXghDmr9QzzfQu27cmVRsG", token = "azGDORePK8gMaC0QOYAMyEEuzJnyUi"

    static func receivers(user: String, token: String, proxy: InterceptingProxy) -> String {
        #"""
        receivers:
          - name: phones
            pushover_configs:
              - user_key: '\#(user)'
                token: '\#(token)'
                html: true
                sound: siren
                url_title: 'Bins of {{ .CommonLabels.facility }}'
                priority: '{{ if eq .CommonLabels.severity "critical" }}1{{ else }}0{{ end }}'
                retry: 45s
                expire: 1.5h
                http_config:
                  proxy_url: '\#(proxy.url)'
                  tls_config: {ca_file: '\#(proxy.caFile)'}
        """#
    }

    @Test func sameRequestAsAlertmanager() async throws {
        let proxy = try InterceptingProxy(hosts: ["api.pushover.net"])
        defer { proxy.stop() }
        let route = "route: {receiver: phones, group_by: [alertname], group_wait: 5s, group_interval: 1h, repeat_interval: 4h}\n"
        let am = try await AlertmanagerProcess(config: route + Self.receivers(user: Self.user, token: Self.token, proxy: proxy))
        defer { am.stop() }

        // startsAt a second ahead: Alertmanager waits the whole group_wait for the group.
        let startsAt = Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000) + 1000)
        let alerts = ["bin-a1", "bin-a2"].map { instance in
            Alert(
                labels: Labels(["alertname": "BinFull", "facility": "plant-7", "instance": instance, "severity": "critical"]),
                annotations: Labels(["summary": "bins <full> & rising + more"]), startsAt: startsAt,
                generatorURL: "http://binwatch:9464/graph?g0.expr=bin_fill+%3E+0.95&g0.tab=1")
        }
        let forwarder = AlertmanagerNotifier(config: AlertmanagerConfig(targets: ["127.0.0.1:\(am.port)"]), transport: CurlHTTPClient())
        #expect(await forwarder.send(alerts.map { var a = $0; a.endsAt = startsAt + PromDuration(seconds: 600); return a }).isEmpty)
        let arrived = try await eventually { !(try await proxy.requests()).isEmpty }
        if !arrived {
            let log = (try? String(contentsOf: am.directory.appendingPathComponent("am.log"), encoding: .utf8)) ?? ""
            Issue.record("Alertmanager sent nothing through the proxy: \(log.suffix(3000))")
            return
        }
        let theirs = try #require(try await proxy.requests().first)

        // binwatch: the same config, secrets from the environment, sent for real.
        let config = try NotifyConfig.parse(
            yaml: route + Self.receivers(user: "${PO_USER}", token: "${PO_TOKEN}", proxy: proxy), file: "binwatch.yml",
            environment: ["PO_USER": Self.user, "PO_TOKEN": Self.token])
        let integration = try #require(config.integrations(externalURL: am.url, transport: CurlHTTPClient())["phones"]?.first)
        try await integration.notifier.notify(alerts, group: GroupKey(routeKey: "{}", groupLabels: Labels(["alertname": "BinFull"])))
        let all = try await proxy.requests()
        #expect(all.count == 2)
        let ours = try #require(all.last)

        #expect(ours.tunnel == "api.pushover.net:443" && theirs.tunnel == ours.tunnel)
        #expect(ours.method == "POST" && theirs.method == ours.method)
        #expect(ours.path == theirs.path, "binwatch: \(ours.path)\nAlertmanager: \(theirs.path)")
        #expect(ours.headers["content-type"] == "text/plain" && theirs.headers["content-type"] == ours.headers["content-type"])
        #expect(ours.headers["content-length"] == "0" && theirs.headers["content-length"] == "0")
        #expect(ours.body.isEmpty && theirs.body.isEmpty)
        // Not vacuous: the parameters rendered, HTML-escaped where Alertmanager escapes.
        #expect(theirs.path.hasPrefix("/1/messages.json?expire=5400&html=1&message=bins+%26lt%3Bfull%26gt%3B+%26amp%3B+rising+%26%2343%3B+more"))
        #expect(theirs.path.contains("&priority=1&retry=45&sound=siren&title=%5BFIRING%3A2%5D+BinFull+%28plant-7+critical%29&token=\(Self.token)&"))
        #expect(theirs.path.hasSuffix("&url_title=Bins+of+plant-7&user=\(Self.user)"))
    }
}
