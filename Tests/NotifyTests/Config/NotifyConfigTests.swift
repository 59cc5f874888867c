import Model
import Notify
import NotifyTesting
import Testing

@Suite struct NotifyConfigTests {
    static let env = [
        "SLACK_URL": "https://hooks.slack.com/services/T000/B000/SECRETTOKEN123",
        "HOOK_URL": "http://127.0.0.1:9/hook/sekrit",
    ]
    static let files = ["/etc/binwatch/pd.key": "0123456789abcdef0123456789abcdef\n"]

    static func parse(_ yaml: String) throws(NotifyConfigErrors) -> NotifyConfig {
        try NotifyConfig.parse(yaml: yaml, file: "binwatch.yml", environment: env, readFile: { files[$0] })
    }

    static let full = """
        route:
          receiver: slack-wms
          group_by: [alertname, facility]
          group_wait: 10s
          routes:
            - matchers: ['severity="critical"', 'team=~"a|b"']
              receiver: pagerduty
              group_interval: 1m
              continue: true
              routes:
                - match: {kind: db}
                  group_by: ['...']
            - match_re: {service: "^(foo|bar)$"}
              receiver: hooks
              group_by: []
              repeat_interval: 1h
        inhibit_rules:
          - source_matchers: [severity="critical"]
            target_matchers: [severity="warning"]
            equal: [alertname, facility]
        receivers:
          - name: slack-wms
            slack_configs:
              - api_url: ${SLACK_URL}
                channel: '#wms-alerts'
                fields: [{title: Env, value: prod, short: true}]
          - name: pagerduty
            pagerduty_configs:
              - routing_key_file: /etc/binwatch/pd.key
                severity: critical
                http_config: {timeout: 5s, connect_timeout: 2s}
          - name: hooks
            webhook_configs:
              - url: ${HOOK_URL}
                max_alerts: 10
                send_resolved: false
        alertmanagers:
          - static_configs: [{targets: ['127.0.0.1:9093']}]
            timeout: 5s
        """

    @Test func decodesTheFullShape() throws {
        let config = try Self.parse(Self.full)
        let root = config.route
        #expect(root.key == "{}")
        #expect(root.options.receiver == "slack-wms")
        #expect(root.options.groupBy == ["alertname", "facility"])
        #expect(root.options.groupWait == PromDuration(seconds: 10))
        #expect(root.options.groupInterval == PromDuration(seconds: 300))
        #expect(root.options.repeatInterval == PromDuration(seconds: 14400))
        let critical = root.routes[0]
        #expect(critical.key == "{}/{severity=\"critical\",team=~\"a|b\"}")
        #expect(critical.continueMatching)
        #expect(critical.options.groupInterval == PromDuration(seconds: 60))
        #expect(critical.options.groupWait == PromDuration(seconds: 10))  // inherited
        #expect(critical.options.groupBy == ["alertname", "facility"])  // inherited
        let db = critical.routes[0]
        #expect(db.key == "{}/{severity=\"critical\",team=~\"a|b\"}/{kind=\"db\"}")
        #expect(db.options.receiver == "pagerduty")
        #expect(db.options.groupByAll)
        #expect(db.options.groupInterval == PromDuration(seconds: 60))
        let hooks = root.routes[1]
        #expect(hooks.key == "{}/{service=~\"^(?:^(foo|bar)$)$\"}")
        #expect(hooks.options.groupBy.isEmpty && !hooks.options.groupByAll)
        #expect(hooks.options.repeatInterval == PromDuration(seconds: 3600))

        #expect(config.inhibitRules.count == 1)
        #expect(config.inhibitRules[0].equal == ["alertname", "facility"])
        let slack = try #require(config.receiver(named: "slack-wms")?.slack.first)
        #expect(slack.apiURL.reveal() == Self.env["SLACK_URL"])
        #expect(!slack.sendResolved)
        #expect(slack.channel == .literal("#wms-alerts"))
        #expect(slack.fields.first?.short == true)
        let pd = try #require(config.receiver(named: "pagerduty")?.pagerduty.first)
        #expect(pd.routingKey.reveal() == "0123456789abcdef0123456789abcdef")
        #expect(pd.sendResolved)
        #expect(pd.http.timeout == .seconds(5))
        #expect(pd.http.connectTimeout == .seconds(2))
        let hook = try #require(config.receiver(named: "hooks")?.webhook.first)
        #expect(hook.maxAlerts == 10 && !hook.sendResolved)
        #expect(config.alertmanagers.first?.alertsURLs == ["http://127.0.0.1:9093/api/v2/alerts"])
        #expect(config.logRetention == PromDuration(seconds: 2 * 14400))
    }

    @Test func routingFollowsContinueAndFallsBack() throws {
        let root = try Self.parse(Self.full).route
        func receivers(_ labels: [String: String]) -> [String] { root.match(Labels(labels)).map(\.options.receiver) }
        #expect(receivers(["severity": "critical", "team": "a"]) == ["pagerduty", "slack-wms"].prefix(1) + [])
        #expect(receivers(["severity": "critical", "team": "a", "service": "foo"]) == ["pagerduty", "hooks"])
        #expect(receivers(["service": "bar"]) == ["hooks"])
        #expect(receivers(["service": "baz"]) == ["slack-wms"])
        #expect(root.match(Labels(["severity": "critical", "team": "b", "kind": "db"])).map(\.key)
            == ["{}/{severity=\"critical\",team=~\"a|b\"}/{kind=\"db\"}"])
    }

    @Test(arguments: [
        // (yaml, expected line:col, expected message fragment)
        ("route: {receiver: r}\nreceivers: [{name: r}]\nbogus: 1\n", "3:1", "unknown key \"bogus\""),
        ("route: {receiver: r, group_wait: 5x}\nreceivers: [{name: r}]\n", "1:34", "expected a duration"),
        ("route: {receiver: nope}\nreceivers: [{name: r}]\n", "1:8", "undefined receiver \"nope\""),
        ("route:\n  receiver: r\n  routes:\n    - matchers: ['a=~\"(\"']\nreceivers: [{name: r}]\n", "4:17", "invalid regular expression"),
        ("route: {receiver: r, group_interval: 0s}\nreceivers: [{name: r}]\n", "1:38", "group_interval cannot be zero"),
        ("route: {receiver: r}\nreceivers:\n  - name: r\n    slack_configs: [{channel: x}]\n", "4:21", "one of api_url or api_url_file"),
        ("route: {receiver: r}\nreceivers:\n  - name: r\n    webhook_configs: [{url: \"${MISSING}\"}]\n", "4:29", "environment variable MISSING is not set"),
        ("route: {receiver: r}\nreceivers: [{name: r}, {name: r}]\n", "2:24", "not unique"),
        ("route: {receiver: r, matchers: [a=b]}\nreceivers: [{name: r}]\n", "1:8", "root route must not have any matchers"),
        ("route: {receiver: r}\nreceivers:\n  - name: r\n    pagerduty_configs: [{routing_key_file: /nope}]\n", "4:44", "cannot read file \"/nope\""),
    ])
    func reportsErrorsWithPositions(_ yaml: String, _ position: String, _ fragment: String) {
        #expect {
            _ = try Self.parse(yaml)
        } throws: { error in
            let text = "\(error)"
            return text.contains("binwatch.yml:\(position):") && text.contains(fragment)
        }
    }

    @Test func literalSecretsAreAcceptedAsAlertmanagerDoesWithAWarningThatNeverQuotesThem() throws {
        let yaml = """
            route: {receiver: r}
            receivers:
              - name: r
                slack_configs: [{api_url: 'https://hooks.slack.com/services/T0/B0/LITERALTOKEN'}]
                pagerduty_configs: [{routing_key: 'abcdefabcdefabcdefabcdefLITERAL1'}]
            """
        let config = try Self.parse(yaml)
        #expect(config.warnings.map(\.keyPath) == [
            "alerting.receivers[0].slack_configs[0].api_url", "alerting.receivers[0].pagerduty_configs[0].routing_key",
        ])
        #expect(config.warnings.allSatisfy { $0.message.contains("written inline") })
        let dump = "\(config.warnings)" + "\(config)" + String(reflecting: config)
        #expect(leakedSecrets(in: dump, secrets: [
            "https://hooks.slack.com/services/T0/B0/LITERALTOKEN", "abcdefabcdefabcdefabcdefLITERAL1",
        ]).isEmpty)
    }

    @Test func resolvedSecretsNeverPrint() throws {
        let config = try Self.parse(Self.full)
        let dump = "\(config)" + String(reflecting: config)
        #expect(leakedSecrets(in: dump, secrets: Array(Self.env.values) + ["0123456789abcdef0123456789abcdef"]).isEmpty)
    }

    @Test func customTemplatesAreParsedWithTheConfig() throws {
        let yaml = """
            route: {receiver: r}
            receivers:
              - name: r
                slack_configs: [{api_url: '${SLACK_URL}', title: '{{ .CommonLabels.alertname }}', channel: '#plain'}]
            """
        let config = try Self.parse(yaml)
        #expect(config.receivers[0].slack[0].title == .template("{{ .CommonLabels.alertname }}"))
        #expect(throws: NotifyConfigErrors.self) { try Self.parse(yaml.replacing("}}'", with: "'")) }
    }

    @Test func pagerDutyURLComesFromTheConfigThenGlobalThenTheDefault() throws {
        func urls(_ global: String) throws -> [String] {
            let yaml = """
                \(global)
                route: {receiver: r}
                receivers:
                  - name: r
                    pagerduty_configs:
                      - {routing_key_file: /etc/binwatch/pd.key, url: 'http://127.0.0.1:9/own'}
                      - {routing_key_file: /etc/binwatch/pd.key}
                """
            return try Self.parse(yaml).receivers[0].pagerduty.map(\.url)
        }
        #expect(try urls("") == ["http://127.0.0.1:9/own", "https://events.pagerduty.com/v2/enqueue"])
        #expect(try urls("global: {pagerduty_url: 'http://127.0.0.1:9/global'}") == ["http://127.0.0.1:9/own", "http://127.0.0.1:9/global"])
        #expect(throws: NotifyConfigErrors.self) { try urls("global: {pagerduty_url: 'ftp://x'}") }
    }

    @Test(arguments: [
        ("severity=\"critical\"", "severity=\"critical\""),
        ("team =~ \"a|b\"", "team=~\"a|b\""),
        ("env!=prod", "env!=\"prod\""),
        ("{a=\"1\", b!~\"x,y\"}", "a=\"1\" b!~\"x,y\""),
        ("msg=\"say \\\"hi\\\"\"", "msg=\"say \\\"hi\\\"\""),
    ])
    func parsesMatchers(_ text: String, _ expected: String) throws {
        #expect(try MatcherParser.parse(text).map(\.description).joined(separator: " ") == expected)
    }

    @Test(arguments: ["", "=x", "a", "a=\"unterminated", "1a=b"])
    func rejectsBadMatchers(_ text: String) {
        #expect(throws: MatcherParseError.self) { try MatcherParser.parse(text) }
    }
}
