import Daemon
import Foundation
import Model
import Testing

@Suite struct ConfigLoaderTests {
    @Test func loadsEverySection() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("rules/a.yml", "groups: [{name: g, rules: [{record: r, expr: up}]}]\n")
        try ws.writeConfig(extra: """
            health_checks:
              - {name: cacheAge, expr: 'max(x)', degraded_above: 15, unhealthy_above: 30, message: 'age {{ $value }}'}
            web: {listen_address: '127.0.0.1:9464'}
            """)
        let loaded = try ws.load()
        #expect(loaded.config.global.evaluationInterval == PromDuration(seconds: 60))
        #expect(loaded.ruleFiles.map(\.path) == [ws.path("rules/a.yml")])
        #expect(loaded.config.healthChecks.first?.degraded == 15)
        #expect(loaded.config.healthChecks.first?.direction == .above)
        #expect(loaded.config.web.listenAddress == "127.0.0.1:9464")
        #expect(loaded.config.web.healthPath == "/api/wms/optimization/health")
        #expect(loaded.config.state.path == ws.path("state.sqlite"))
    }

    /// Every problem is reported with file:line:col, not just the first.
    @Test func reportsEveryErrorWithPosition() throws {
        let text = """
            global:
              evaluation_interval: soon
              colour: blue
            health_checks:
              - name: a
                expr: 'sum(('
                degraded_above: 1
              - name: b
                expr: up
                degraded_above: 1
                unhealthy_below: 0
            web: {listen_address: nowhere}
            bogus: 1
            """
        do {
            _ = try ConfigLoader(environment: [:]).load(text: text, path: "/tmp/x/binwatch.yml")
            Issue.record("expected errors")
        } catch {
            let lines = error.configErrors.map(\.description)
            #expect(lines.contains { $0.hasPrefix("/tmp/x/binwatch.yml:2:24: global.evaluation_interval: expected a duration") })
            #expect(lines.contains { $0.hasPrefix("/tmp/x/binwatch.yml:3:3: global.colour: expected one of the keys") })
            #expect(lines.contains { $0.hasPrefix("/tmp/x/binwatch.yml:6:11: health_checks[0].expr: expected a valid PromQL expression") })
            #expect(lines.contains { $0.hasPrefix("/tmp/x/binwatch.yml:11:22: health_checks[1].unhealthy_below: expected thresholds on one side") })
            #expect(lines.contains { $0.hasPrefix("/tmp/x/binwatch.yml:12:23: web.listen_address: expected host:port") })
            #expect(lines.contains { $0.hasPrefix("/tmp/x/binwatch.yml:13:1: bogus: expected one of the keys") })
            #expect(error.configErrors.count == 6)
        }
    }

    @Test func aCheckCannotBeNamedOverall() throws {
        let text = """
            health_checks:
              - name: overall
                expr: up
                unhealthy_below: 1
            """
        do {
            _ = try ConfigLoader(environment: [:]).load(text: text, path: "/tmp/x/binwatch.yml")
            Issue.record("expected an error")
        } catch {
            let lines = error.configErrors.map(\.description)
            #expect(lines.count == 1)
            #expect(lines.first?.hasPrefix("/tmp/x/binwatch.yml:2:11: health_checks[0].name: expected a name other than \"overall\"") == true, "\(lines)")
        }
    }

    @Test func expandsEnvironmentAndNamesMissingVariables() throws {
        let text = "global: {external_url: '${BASE}/x', external_labels: {site: '${SITE}'}}\n"
        let loaded = try ConfigLoader(environment: ["BASE": "http://h", "SITE": "p1"]).load(text: text, path: "/tmp/b.yml")
        #expect(loaded.config.global.externalURL == "http://h/x")
        #expect(loaded.config.global.externalLabels == ["site": "p1"])
        #expect(throws: ConfigLoadErrors.self) { try ConfigLoader(environment: [:]).load(text: text, path: "/tmp/b.yml") }
    }

    @Test func ruleFileErrorsAreIncluded() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("rules/bad.yml", "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: 'up >'\n")
        try ws.writeConfig()
        do {
            _ = try ws.load()
            Issue.record("expected errors")
        } catch {
            #expect(error.ruleErrors.count == 1)
            #expect(error.description.contains("bad.yml: 5:15: group \"g\", rule 1, \"A\": could not parse expression"))
        }
    }
}
