import Foundation
import Model
import Notify
import Testing
import TestSupport

/// The config syntax against Alertmanager's own checker and the repo's alertmanager.yml.
@Suite struct AlertmanagerSyntaxTests {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let amtool = "/usr/bin/amtool"

    static func secrets(_ path: String) -> String? { path.hasPrefix("/etc/") ? "s3cr3t-\(path.count)" : nil }

    @Test func repositoryAlertmanagerConfigDecodes() throws {
        let path = Self.repoRoot.appendingPathComponent("monitoring/alertmanager.yml").path
        guard let yaml = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("monitoring/alertmanager.yml is missing at \(path)")
            return
        }
        // Its custom templates parse with the config and render over Alertmanager's data.
        let config = try NotifyConfig.parse(yaml: yaml, file: "alertmanager.yml", readFile: Self.secrets)
        let slack = try #require(config.receiver(named: "slack-wms")?.slack.first)
        let data = TemplateData(
            receiver: "slack-wms", groupLabels: Labels(["alertname": "DiskFull"]), alerts: [Fixtures.diskFull],
            externalURL: "http://am", now: Fixtures.startsAt)
        #expect(try config.templates.render(try #require(slack.text.source), data: data) == "Disk is full\n")
        #expect(config.global.resolveTimeout == PromDuration(seconds: 300))
        #expect(config.route.routes.map(\.key) == ["{}/{severity=\"critical\"}"])
        #expect(config.route.routes[0].continueMatching)
        #expect(config.route.match(Labels(["severity": "critical"])).map(\.options.receiver) == ["pagerduty-wms", "slack-wms"].prefix(1) + [])
        #expect(config.inhibitRules.first?.equal == ["facility"])
        #expect(config.receiver(named: "slack-wms")?.slack.first?.sendResolved == true)
    }

    /// (yaml, accepted): each is also given to amtool when installed; both must agree.
    static let cases: [(String, Bool)] = [
        ("route: {receiver: r}\nreceivers: [{name: r}]\n", true),
        ("route: {receiver: r, group_by: ['...']}\nreceivers: [{name: r}]\n", true),
        ("route: {receiver: r}\nreceivers: [{name: r}]\nbogus: 1\n", false),
        ("route: {receiver: x}\nreceivers: [{name: r}]\n", false),
        ("route: {receiver: r, group_by: ['...', a]}\nreceivers: [{name: r}]\n", false),
        ("route: {receiver: r, group_interval: 0s}\nreceivers: [{name: r}]\n", false),
        ("route: {receiver: r, routes: [{matchers: ['a=~\"(\"']}]}\nreceivers: [{name: r}]\n", false),
        ("route: {receiver: r, routes: [{matchers: ['team=~\"a|b\"', 'env!=prod'], continue: true}]}\nreceivers: [{name: r}]\n", true),
        ("route: {receiver: r}\nreceivers: [{name: r}, {name: r}]\n", false),
        ("route: {receiver: r}\nreceivers: [{name: r, pagerduty_configs: [{routing_key_file: /etc/pd.key}]}]\n", true),
        ("route: {receiver: r}\nreceivers: [{name: r, webhook_configs: [{url_file: /etc/hook.url, max_alerts: -1}]}]\n", false),
        ("route: {receiver: r, continue: true}\nreceivers: [{name: r}]\n", false),
        // Issue 19: merge keys, multi-document files, inline secrets, null regexes, http_config keys.
        ("route: &r {receiver: r, group_wait: 5s}\nreceivers: [{name: r}]\ninhibit_rules: [{<<: {equal: [a]}, source_matchers: [x=y]}]\n", true),
        ("route: {receiver: r, routes: [&c {receiver: r, group_by: [a]}, {<<: *c, matchers: [b=c]}]}\nreceivers: [{name: r}]\n", true),
        ("route: {receiver: r}\nreceivers: [{name: r}]\n---\nbogus: second document is never read\n", true),
        ("route: {receiver: r}\nreceivers: [{name: r, slack_configs: [{api_url: 'https://hooks.slack.com/services/T/B/inline', channel: '#c'}]}]\n", true),
        ("route: {receiver: r}\nreceivers: [{name: r, pagerduty_configs: [{routing_key: 'inline0123456789abcdef0123456789'}]}]\n", true),
        ("route: {receiver: r, routes: [{receiver: r, match_re: {a: }}]}\nreceivers: [{name: r}]\n", false),
        ("route: {receiver: r}\ninhibit_rules: [{source_match_re: {a: }, target_match: {b: c}}]\nreceivers: [{name: r}]\n", false),
        ("route: {receiver: r}\ninhibit_rules: [{source_match: {a: b}, target_match_re: {b: }}]\nreceivers: [{name: r}]\n", false),
        ("route: {receiver: r}\nglobal: {http_config: {no_such_key: 1}}\nreceivers: [{name: r}]\n", false),
        ("route: {receiver: r}\nglobal: {http_config: {proxy_url: 'http://p:3128', follow_redirects: false}}\nreceivers: [{name: r}]\n", true),
        ("route: {receiver: r}\nglobal: {http_config: {basic_auth: {username: u, password: p}}}\nreceivers: [{name: r}]\n", true),
        ("route: {receiver: r}\nglobal: {http_config: {authorization: {credentials: x}}}\nreceivers: [{name: r}]\n", true),
        ("route: {receiver: r}\nglobal: {http_config: {oauth2: {client_id: a, client_secret: b, token_url: 'http://t', scopes: [x], endpoint_params: {k: v}}}}\nreceivers: [{name: r}]\n", true),
        ("route: {receiver: r}\nglobal: {http_config: {oauth2: {client_id: a, client_secret: b, token_url: 'http://t'}, bearer_token: x}}\nreceivers: [{name: r}]\n", false),
        ("route: {receiver: r}\nglobal: {http_config: {tls_config: {insecure_skip_verify: true, server_name: s, ca_file: /etc/ca.pem}}}\nreceivers: [{name: r}]\n", true),
        ("route: {receiver: r}\nglobal: {http_config: {basic_auth: {username: u, password: p}, bearer_token: x}}\nreceivers: [{name: r}]\n", false),
        ("route: {receiver: r}\nglobal: {http_config: {tls_config: {cert_file: /etc/c.pem}}}\nreceivers: [{name: r}]\n", true),
        ("route: {receiver: r}\nglobal: {http_config: {authorization: {type: basic, credentials: x}}}\nreceivers: [{name: r}]\n", false),
        // Alertmanager's http_config has no timeouts, and 0.25's no no_proxy.
        ("route: {receiver: r}\nglobal: {http_config: {timeout: 5s}}\nreceivers: [{name: r}]\n", false),
        ("route: {receiver: r}\nglobal: {http_config: {connect_timeout: 1s}}\nreceivers: [{name: r}]\n", false),
        ("route: {receiver: r}\nreceivers: [{name: r, webhook_configs: [{url: 'http://h', http_config: {timeout: 5s}}]}]\n", false),
        ("route: {receiver: r}\nglobal: {http_config: {proxy_url: 'http://p:3128', no_proxy: localhost}}\nreceivers: [{name: r}]\n", false),
        ("route: {receiver: r}\nglobal: {http_config: {tls_config: {ca: inline-pem}}}\nreceivers: [{name: r}]\n", false),
        // Issue 22: time intervals, each judged by amtool 0.25 (undefined and duplicate names,
        // intervals on the root route, Alertmanager's range syntax, tz database names).
        ("route: {receiver: r, routes: [{receiver: r, matchers: [a=b], mute_time_intervals: [office]}]}\ntime_intervals: [{name: office, time_intervals: [{weekdays: ['monday:friday'], times: [{start_time: '09:00', end_time: '17:00'}], location: Europe/Berlin}]}]\nreceivers: [{name: r}]\n", true),
        ("route: {receiver: r, routes: [{receiver: r, active_time_intervals: [old]}]}\nmute_time_intervals: [{name: old, time_intervals: [{days_of_month: ['-3:-1'], months: ['january:march'], years: ['2024:2030']}]}]\nreceivers: [{name: r}]\n", true),
        ("route: {receiver: r}\nmute_time_intervals: [{name: t, time_intervals: []}]\ntime_intervals: [{name: t, time_intervals: []}]\nreceivers: [{name: r}]\n", false),
        ("route: {receiver: r, routes: [{receiver: r, mute_time_intervals: [nope]}]}\ntime_intervals: [{name: t, time_intervals: []}]\nreceivers: [{name: r}]\n", false),
        ("route: {receiver: r, mute_time_intervals: [t]}\ntime_intervals: [{name: t, time_intervals: []}]\nreceivers: [{name: r}]\n", false),
        ("route: {receiver: r}\ntime_intervals: [{name: t, time_intervals: [{weekdays: [funday]}]}]\nreceivers: [{name: r}]\n", false),
        ("route: {receiver: r}\ntime_intervals: [{name: t, time_intervals: [{location: Mars/Olympus}]}]\nreceivers: [{name: r}]\n", false),
        ("route: {receiver: r}\ntime_intervals: [{name: t, time_intervals: [{days_of_month: [1, '-1'], years: [2027]}]}]\nreceivers: [{name: r}]\n", true),
        ("route: {receiver: r}\ntime_intervals: [{time_intervals: []}]\nreceivers: [{name: r}]\n", false),
        ("route: {receiver: r}\ntime_intervals: [{name: t, time_intervals: [{hours: ['1']}]}]\nreceivers: [{name: r}]\n", false),
        ("route: {receiver: r}\ntime_intervals: [{name: t, time_intervals: [{months: ['13']}]}]\nreceivers: [{name: r}]\n", true),
        ("route: {receiver: r}\ntime_intervals: [{name: t, time_intervals: [{times: [{start_time: '09:00'}]}]}]\nreceivers: [{name: r}]\n", false),
        ("route: {receiver: r}\ntime_intervals: [{name: t, time_intervals: [{weekdays: ['Monday:FRIDAY']}]}]\nreceivers: [{name: r}]\n", true),
        ("route: {receiver: r}\ntime_intervals: [{name: t}]\nreceivers: [{name: r}]\n", true),
        ("route: {receiver: r}\ntime_intervals: [{name: t, time_intervals: [{location: Local}]}]\nreceivers: [{name: r}]\n", true),
        ("route: {receiver: r}\ntime_intervals: [{name: t, time_intervals: [{times: [{start_time: '9:00', end_time: '17:00'}]}]}]\nreceivers: [{name: r}]\n", false),
        ("route: {receiver: r}\ntime_intervals: [{name: t, time_intervals: [{days_of_month: ['+5']}]}]\nreceivers: [{name: r}]\n", true),
        ("route: {receiver: r, routes: [{receiver: r, mute_time_intervals: [t], active_time_intervals: [t]}]}\ntime_intervals: [{name: t, time_intervals: [{weekdays: [saturday, sunday]}]}]\nreceivers: [{name: r}]\n", true),
        ("route: {receiver: r}\ntime_intervals: [{name: '', time_intervals: []}]\nreceivers: [{name: r}]\n", false),
        ("route: {receiver: r}\ntime_intervals: [{name: t, time_intervals: [{location: ''}]}]\nreceivers: [{name: r}]\n", true),
        ("route: {receiver: r}\ntime_intervals: [{name: t, time_intervals: [{location: EST}]}]\nreceivers: [{name: r}]\n", true),
        // `*_file` paths are not opened at check time, by amtool or binwatch.
        ("route: {receiver: r}\nreceivers: [{name: r, pagerduty_configs: [{routing_key_file: /nonexistent/pd.key}]}]\n", true),
        ("route: {receiver: r}\nglobal: {slack_api_url_file: /nonexistent/slack}\nreceivers: [{name: r, slack_configs: [{channel: '#c'}]}]\n", true),
    ]

    /// Alertmanager 0.25 features binwatch lacks: amtool accepts each, binwatch refuses each
    /// with one message naming it (not a generic `unknown key`).
    static let unsupported: [(String, String)] = [
        ("route: {receiver: r}\nreceivers: [{name: r, discord_configs: []}]\n", "discord_configs"),
        ("route: {receiver: r}\nglobal: {http_config: {enable_http2: false}}\nreceivers: [{name: r}]\n", "enable_http2"),
        ("route: {receiver: r}\nglobal: {http_config: {tls_config: {min_version: TLS12}}}\nreceivers: [{name: r}]\n", "min_version"),
        ("route: {receiver: r}\nreceivers: [{name: r, slack_configs: [{api_url: 'http://s', actions: [{type: button, text: t, url: 'http://a'}]}]}]\n", "actions"),
        ("route: {receiver: r}\nreceivers: [{name: r, pagerduty_configs: [{service_key: k}]}]\n", "service_key"),
        ("route: {receiver: r}\nreceivers: [{name: r, pagerduty_configs: [{routing_key: k, links: [{href: 'http://l', text: l}]}]}]\n", "links"),
    ]

    @Test(arguments: unsupported)
    func unsupportedFeaturesAreNamedConsistently(_ yaml: String, _ feature: String) throws {
        do {
            _ = try NotifyConfig.parse(yaml: yaml, file: "am.yml")
            Issue.record("accepted \(feature)")
        } catch {
            let found = error.errors.map(\.found)
            #expect(found.contains("\(feature), an Alertmanager feature binwatch does not support yet"), "\(found)")
            #expect(!found.contains { $0.hasPrefix("unknown key") }, "\(found)")
        }
        guard let status = try Self.amtoolStatus(yaml) else { return }
        #expect(status == 0, "amtool 0.25 accepts \(feature)")
    }

    /// `amtool check-config`'s exit status on `yaml`; nil when amtool is not installed.
    static func amtoolStatus(_ yaml: String) throws -> Int32? {
        guard FileManager.default.isExecutableFile(atPath: amtool) else { return nil }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("amtool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // amtool reads *_file paths only at send time, so none need exist.
        let file = dir.appendingPathComponent("am.yml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return try ChildProcess.run([amtool, "check-config", file.path], timeout: .seconds(120)).status
    }

    @Test(arguments: cases)
    func agreesWithAmtool(_ yaml: String, _ accepted: Bool) throws {
        // As `binwatch check config` reads it: `*_file` paths unopened.
        let ours = (try? NotifyConfig.parse(yaml: yaml, file: "am.yml")) != nil
        #expect(ours == accepted)
        guard let status = try Self.amtoolStatus(yaml) else { return }
        #expect((status == 0) == accepted, "amtool disagrees on: \(yaml)")
    }
}
