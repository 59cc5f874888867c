import Model
import Notify
import NotifyTesting
import Synchronization
import Testing

@Suite struct NotifyConfigTests {
    static let env = [
        "SLACK_URL": "https://hooks.slack.com/services/T000/B000/SECRETTOKEN123",
        "HOOK_URL": "http://127.0.0.1:9/hook/sekrit",
    ]
    static let files = ["/etc/binwatch/pd.key": "0123456789abcdef0123456789abcdef\n"]

    static func parse(_ yaml: String) throws(ConfigErrors) -> NotifyConfig {
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
          - name: hooks
            webhook_configs:
              - url: ${HOOK_URL}
                max_alerts: 10
                send_resolved: false
        alertmanagers:
          - static_configs: [{targets: ['127.0.0.1:9093']}]
            timeout: 5s
        notification_timeout: 5s
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
        #expect(config.notificationTimeout == PromDuration(seconds: 5))
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
        ("route:\n  receiver: r\n  routes:\n    - matchers: ['a=~\"(\"']\nreceivers: [{name: r}]\n", "4:18", "invalid regular expression"),
        ("route: {receiver: r, group_interval: 0s}\nreceivers: [{name: r}]\n", "1:38", "expected a group_interval greater than zero, found \"0s\""),
        ("route: {receiver: r}\nreceivers:\n  - name: r\n    slack_configs: [{channel: x}]\n", "4:21", "one of api_url or api_url_file"),
        ("route: {receiver: r}\nreceivers:\n  - name: r\n    webhook_configs: [{url: \"${MISSING}\"}]\n", "4:29", "expected environment variable MISSING to be set"),
        ("route: {receiver: r}\nreceivers: [{name: r}, {name: r}]\n", "2:24", "expected a unique receiver name, found \"r\" again"),
        ("route: {receiver: r, matchers: [a=b]}\nreceivers: [{name: r}]\n", "1:8", "expected a root route without matchers"),
        ("route: {receiver: r}\nreceivers:\n  - name: r\n    pagerduty_configs: [{routing_key_file: /nope}]\n", "4:44", "routing_key_file: expected a readable file, found \"/nope\", which cannot be read"),
    ])
    func reportsErrorsWithPositions(_ yaml: String, _ position: String, _ fragment: String) {
        #expect {
            _ = try Self.parse(yaml)
        } throws: { error in
            let text = "\(error)"
            return text.contains("binwatch.yml:\(position):") && text.contains(fragment)
        }
    }

    /// Without a reader (`binwatch check config`) no `*_file` is opened, as amtool opens none;
    /// with one (the daemon) each is read once, and a missing one names field and file.
    @Test func secretFilesAreReadOnlyWithAReader() throws {
        let yaml = """
            route: {receiver: r}
            receivers:
              - name: r
                pagerduty_configs: [{routing_key_file: /nope/pd.key}]
                webhook_configs: [{url_file: /nope/hook.url, http_config: {basic_auth: {username: u, password_file: /nope/pw}}}]
            """
        let checked = try NotifyConfig.parse(yaml: yaml, file: "am.yml")
        #expect(checked.receivers[0].pagerduty.count == 1 && checked.receivers[0].webhook.count == 1)
        let opened = Mutex<[String]>([])
        let contents = ["/nope/pd.key": "0123456789abcdef0123456789abcdef\n", "/nope/hook.url": "http://127.0.0.1:9/h", "/nope/pw": "pw"]
        let loaded = try NotifyConfig.parse(yaml: yaml, file: "am.yml", readFile: { path in
            opened.withLock { $0.append(path) }
            return contents[path]
        })
        #expect(opened.withLock { $0 }.sorted() == ["/nope/hook.url", "/nope/pd.key", "/nope/pw"])
        #expect(loaded.receivers[0].pagerduty[0].routingKey.reveal() == "0123456789abcdef0123456789abcdef")
        #expect(loaded.receivers[0].webhook[0].url.reveal() == "http://127.0.0.1:9/h")
        #expect {
            _ = try NotifyConfig.parse(yaml: yaml, file: "am.yml", readFile: { _ in nil })
        } throws: { error in
            (error as? ConfigErrors)?.errors.map(\.description) == [
                #"am.yml:4:44: alerting.receivers[0].pagerduty_configs[0].routing_key_file: expected a readable file, found "/nope/pd.key", which cannot be read"#,
                #"am.yml:5:34: alerting.receivers[0].webhook_configs[0].url_file: expected a readable file, found "/nope/hook.url", which cannot be read"#,
                #"am.yml:5:105: alerting.receivers[0].webhook_configs[0].http_config.basic_auth.password_file: expected a readable file, found "/nope/pw", which cannot be read"#,
            ]
        }
    }

    /// Alertmanager bounds a notification by the group's group_interval, at least 10 s;
    /// `notification_timeout` replaces that bound for every route.
    @Test func attemptTimeoutsFollowTheRouteOrTheOverride() throws {
        let yaml = """
            route:
              receiver: r
              group_interval: 1s
              routes:
                - {matchers: [a=b], group_interval: 5m}
                - {matchers: [a=c]}
            receivers: [{name: r}]
            """
        let config = try Self.parse(yaml)
        let keys = config.route.allRoutes.map(\.key)
        #expect(keys.map { NotificationDeadline.timeouts(config)[$0] } == [.seconds(10), .seconds(300), .seconds(10)])
        let overridden = try Self.parse(yaml + "\nnotification_timeout: 1500ms\n")
        #expect(keys.map { NotificationDeadline.timeouts(overridden)[$0] } == [.milliseconds(1500), .milliseconds(1500), .milliseconds(1500)])
        #expect(throws: ConfigErrors.self) { try Self.parse(yaml + "\nnotification_timeout: 0s\n") }
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
        #expect(config.warnings.allSatisfy { $0.found == "a secret written inline" })
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
        #expect(throws: ConfigErrors.self) { try Self.parse(yaml.replacing("}}'", with: "'")) }
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
        #expect(throws: ConfigErrors.self) { try urls("global: {pagerduty_url: 'ftp://x'}") }
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
