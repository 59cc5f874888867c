import Foundation
import Model
import Notify
import Testing

/// Custom templates over Alertmanager's data model, `templates:` files and config errors.
@Suite struct NotificationTemplatesTests {
    static let group = Labels(["alertname": "DBDown", "kind": "pd"])

    static func data(now: Timestamp = Fixtures.startsAt) -> TemplateData {
        var resolved = Fixtures.dbDown("db3")
        resolved.endsAt = Fixtures.startsAt
        var firing = [Fixtures.dbDown("db1"), Fixtures.dbDown("db2")]
        firing[1].annotations = Labels(["summary": "DB down", "runbook": "http://rb/db"])
        return TemplateData(
            receiver: "pd", groupLabels: group, alerts: firing + [resolved], externalURL: "http://am", now: now)
    }

    static func render(_ source: String, _ templates: NotificationTemplates = .defaults) throws -> String {
        try templates.render(source, data: data())
    }

    @Test(arguments: [
        ("{{ len .Alerts }}/{{ len .Alerts.Firing }}/{{ len .Alerts.Resolved }}", "3/2/1"),
        ("{{ range .Alerts.Firing }}{{ .Labels.instance }} {{ end }}", "db1 db2 "),
        ("{{ range $i, $a := .Alerts.Resolved }}{{ $i }}={{ $a.Labels.instance }}:{{ $a.Status }}{{ end }}", "0=db3:resolved"),
        ("{{ range .CommonLabels.SortedPairs }}{{ .Name }}={{ .Value }};{{ end }}", "alertname=DBDown;kind=pd;severity=critical;"),
        ("{{ .GroupLabels.Remove (stringSlice \"kind\") }}", "map[alertname:DBDown]"),
        ("{{ (.CommonLabels.Remove .GroupLabels.Names).Values | join \",\" }}", "critical"),
        ("{{ with .CommonLabels.Remove .GroupLabels.Names }}{{ .Names }}{{ end }}", "[severity]"),
        ("{{ .CommonLabels.SortedPairs }}", "[{alertname DBDown} {kind pd} {severity critical}]"),
        ("{{ .CommonLabels.missing }}|{{ index .CommonLabels \"kind\" }}", "|pd"),
        ("{{ .CommonAnnotations }}", "map[summary:DB down]"),
        ("{{ if gt (len .Alerts.Firing) 1 }}many{{ else }}one{{ end }}", "many"),
        ("{{ (index .Alerts 1).Annotations.runbook }}", "http://rb/db"),
        ("{{ title \"hELLO wORLD db-1\" }} {{ toUpper \"a\" }}{{ toLower \"B\" }}", "Hello World Db-1 Ab"),
        ("{{ match \"^db[0-9]$\" \"db1\" }} {{ reReplaceAll \"db(\\\\d)\" \"host$1\" \"db7\" }}", "true host7"),
        ("{{ trimSpace \"  x \\n\" }}|{{ printf \"%05.1f\" 3.14159 }}", "x|003.1"),
        ("{{ (index .Alerts 0).StartsAt }}", "2026-11-23 11:22:40 +0000 UTC"),
        ("{{ (index .Alerts 0).EndsAt }}", "0001-01-01 00:00:00 +0000 UTC"),
        ("{{ (index .Alerts 2).EndsAt.Format \"2006-01-02T15:04:05Z07:00 Mon Jan _2 3PM\" }}", "2026-11-23T11:22:40Z Mon Nov 23 11AM"),
        ("{{ (index .Alerts 0).StartsAt.Unix }} {{ (index .Alerts 0).EndsAt.IsZero }}", "1795432960 true"),
        ("{{ (index .Alerts 0).Fingerprint }}", Fixtures.dbDown("db1").labels.fingerprintHex),
        ("{{ .Alerts.Firing | len }}{{ stringSlice \"a\" \"b\" | join \"-\" }}", "2a-b"),
    ])
    func rendersAlertmanagersDataModel(source: String, expected: String) throws {
        #expect(try Self.render(source) == expected)
    }

    @Test(arguments: [
        ("{{ .Alerts.Firing.Firing }}", #"template: :1:10: executing "" at <.Alerts.Firing.Firing>: can't evaluate field Firing in type []template.Alert"#),
        ("{{ .CommonLabels.Remove }}", #"template: :1:16: executing "" at <.CommonLabels.Remove>: wrong number of args for Remove: want 1 got 0"#),
        ("{{ join \",\" .CommonLabels }}", #"template: :1:3: executing "" at <join>: wrong type for value; expected []string; got template.KV"#),
        ("{{ template \"nope\" . }}", #"template: :1:12: executing "" at <{{template "nope" .}}>: template "nope" not defined"#),
    ])
    func executionErrorsReadAsGos(source: String, message: String) {
        #expect(throws: TemplateRenderError(message: message)) { try Self.render(source) }
    }

    @Test func humanizeIsPrometheusNotAlertmanager() {
        var templates = NotificationTemplates.defaults
        #expect(throws: (any Error).self) { try templates.compile("{{ humanize 1 }}") }
    }

    @Test func templateFilesDefineAndOverride() throws {
        let templates = try NotificationTemplates(files: [
            ("wms.tmpl", #"{{ define "wms.title" }}{{ .CommonLabels.alertname }} on {{ range .Alerts.Firing }}{{ .Labels.instance }} {{ end }}{{ end }}"#),
            ("subject.tmpl", #"{{ define "__subject" }}custom {{ .Status }}{{ end }}"#),
        ])
        #expect(try Self.render(#"{{ template "wms.title" . }}"#, templates) == "DBDown on db1 db2 ")
        // Redefining `__subject` changes every default that uses it, as in Alertmanager.
        #expect(try Self.render(#"{{ template "slack.default.fallback" . }}"#, templates) == "custom firing | http://am/#/alerts?receiver=pd")
    }

    @Test func executionErrorsInAFileNameTheFileAndTheTemplate() throws {
        let templates = try NotificationTemplates(files: [("x.tmpl", "\n{{ define \"bad\" }}{{ .Nope }}{{ end }}")])
        #expect(throws: TemplateRenderError(message: #"template: x.tmpl:2:21: executing "bad" at <.Nope>: can't evaluate field Nope in type *template.Data"#)) {
            try Self.render(#"{{ template "bad" . }}"#, templates)
        }
    }

    // MARK: - Config

    static func parse(_ yaml: String, file: String = "binwatch.yml", files: [String: String] = [:]) throws(ConfigErrors) -> NotifyConfig {
        try NotifyConfig.parse(
            yaml: yaml, file: file, environment: ["SLACK_URL": "http://127.0.0.1:9/slack"], readFile: { files[$0] })
    }

    @Test func aBadFieldTemplateIsAConfigErrorAtItsNode() {
        let yaml = """
            route: {receiver: s}
            receivers:
              - name: s
                slack_configs:
                  - api_url: ${SLACK_URL}
                    title: '{{ .Status | nosuch }}'
                    fields:
                      - {title: a, value: '{{ if }}'}
            """
        #expect {
            _ = try Self.parse(yaml)
        } throws: { error in
            let errors = (error as? ConfigErrors)?.errors.map(\.description) ?? []
            return errors == [
                #"binwatch.yml:6:16: alerting.receivers[0].slack_configs[0].title: expected a valid template, found template: :1: function "nosuch" not defined"#,
                #"binwatch.yml:8:31: alerting.receivers[0].slack_configs[0].fields[0].value: expected a valid template, found template: :1: missing value for if"#,
            ]
        }
    }

    @Test func templateFilesAreGlobbedBesideTheConfig() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("t"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try #"{{ define "t.a" }}A{{ .Status }}{{ end }}"#.write(to: dir.appendingPathComponent("t/a.tmpl"), atomically: true, encoding: .utf8)
        try #"{{ define "t.b" }}B{{ template "t.a" . }}{{ end }}"#.write(to: dir.appendingPathComponent("t/b.tmpl"), atomically: true, encoding: .utf8)
        let yaml = """
            templates: ['t/*.tmpl', 'missing/*.tmpl']
            route: {receiver: s}
            receivers:
              - name: s
                slack_configs: [{api_url: '${SLACK_URL}', title: '{{ template "t.b" . }}'}]
            """
        let config = try NotifyConfig.parse(
            yaml: yaml, file: dir.appendingPathComponent("binwatch.yml").path, environment: ["SLACK_URL": "http://x"])
        #expect(try config.templates.render(#"{{ template "t.b" . }}"#, data: Self.data()) == "Afiring".replacing("A", with: "BA"))
    }

    @Test func aBrokenTemplateFileIsAConfigErrorNamingTheFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "ok\n{{ define \"x\" }}{{ if .A }}{{ end }}".write(to: dir.appendingPathComponent("bad.tmpl"), atomically: true, encoding: .utf8)
        let yaml = """
            route: {receiver: s}
            receivers: [{name: s}]
            templates:
              - '*.tmpl'
              - 'missing/*.tmpl'
            """
        #expect {
            // Template files are read without a `*_file` reader: amtool reads them when it checks.
            _ = try NotifyConfig.parse(yaml: yaml, file: dir.appendingPathComponent("binwatch.yml").path)
        } throws: { error in
            let errors = (error as? ConfigErrors)?.errors ?? []
            return errors.count == 1 && errors[0].location.line == 4 && errors[0].keyPath == "alerting.templates"
                && errors[0].found == "template: bad.tmpl:2: unexpected EOF"
        }
    }
}
