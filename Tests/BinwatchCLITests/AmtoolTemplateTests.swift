import Foundation
import Testing

/// `binwatch template render` against the real `amtool template render` (0.25): stdout and
/// exit code on amtool's default data, on a `--template.data` file, with Alertmanager's
/// default.tmpl names, a custom file through a glob, and with templates that do not parse
/// or execute (same Go error text).
///
/// Debian's amtool does not embed default.tmpl (its `02-Do_not_embed_blobs` patch), so both
/// tools get the packaged file through a glob; binwatch, like upstream amtool, also has it
/// built in, and a file redefining its templates replaces them, as in Go.
@Suite struct AmtoolTemplateTests {
    static let defaultTemplate = "/usr/share/prometheus/alertmanager/default.tmpl"

    static let custom = #"""
        {{ define "bins.title" }}[{{ .Status | toUpper }}] {{ len .Alerts }} bins for {{ .Receiver }}{{ end }}
        {{ define "bins.body" }}{{ range .Alerts }}{{ .Labels.instance }}/{{ .Fingerprint }} {{ .Annotations.SortedPairs.Values | join ", " }}
        {{ end }}{{ end }}
        """#

    /// Two firing alerts and one resolved, times in UTC at whole milliseconds.
    static let data = #"""
        {"receiver": "ops-slack", "status": "firing", "externalURL": "http://binwatch.example:9093",
         "groupLabels": {"alertname": "BinFull"}, "commonLabels": {"alertname": "BinFull", "zone": "north"},
         "commonAnnotations": {"runbook": "https://wiki/binfull"},
         "alerts": [
          {"status": "firing", "labels": {"alertname": "BinFull", "zone": "north", "bin": "A-1"},
           "annotations": {"summary": "bin A-1 is 97% full", "runbook": "https://wiki/binfull"},
           "startsAt": "2024-05-01T12:00:00.250Z", "endsAt": "0001-01-01T00:00:00Z",
           "generatorURL": "http://binwatch.example/graph?g0.expr=x", "fingerprint": "0a1b2c3d4e5f6a7b"},
          {"status": "firing", "labels": {"alertname": "BinFull", "zone": "north", "bin": "B-7"},
           "annotations": {"summary": "bin B-7 is 99% full", "runbook": "https://wiki/binfull"},
           "startsAt": "2024-05-01T12:03:00Z", "generatorURL": "http://binwatch.example/graph", "fingerprint": "1a1b2c3d4e5f6a7b"},
          {"Status": "resolved", "Labels": {"alertname": "BinFull", "zone": "north", "bin": "C-3"},
           "Annotations": {"summary": "bin C-3 was full", "runbook": "https://wiki/binfull"},
           "StartsAt": "2024-05-01T11:00:00Z", "EndsAt": "2024-05-01T11:30:00Z", "fingerprint": "2a1b2c3d4e5f6a7b"}
         ]}
        """#

    /// Templates that print no time of the default data (amtool stamps it with `time.Now()`).
    static let defaultDataTexts = [
        #"{{ template "bins.title" . }}"#,
        #"{{ template "bins.body" . }}"#,
        #"{{ template "slack.default.title" . }}"#,
        #"{{ template "slack.default.text" . }}"#,
        #"{{ template "slack.default.fallback" . }}"#,
        #"{{ template "pagerduty.default.description" . }}"#,
        #"{{ template "opsgenie.default.message" . }}"#,
        #"{{ template "telegram.default.message" . }}"#,
        #"{{ template "__subject" . }}"#,
        #"{{ .Alerts.Firing | len }}/{{ .Alerts.Resolved | len }} {{ .Status }} {{ .CommonLabels.SortedPairs }} {{ .GroupLabels.Names }}"#,
        #"{{ range .Alerts }}{{ .Status }} {{ .GeneratorURL }} {{ .Labels.Remove (stringSlice "foo") }}{{ end }}"#,
        "",
    ]

    /// Texts rendered against the JSON data file, times included.
    static let dataTexts = [
        #"{{ template "slack.default.title" . }}"#,
        #"{{ template "slack.default.text" . }}"#,
        #"{{ template "__text_alert_list" .Alerts.Firing }}"#,
        #"{{ template "pagerduty.default.instances" .Alerts.Firing }}"#,
        #"{{ template "bins.title" . }}"#,
        #"{{ range .Alerts }}{{ .StartsAt }} {{ .EndsAt }} {{ .EndsAt.IsZero }} {{ .StartsAt.Format "2006-01-02T15:04:05.000Z07:00" }}{{ "\n" }}{{ end }}"#,
        #"{{ range .Alerts.Resolved }}{{ .Labels.bin }} {{ .Status }}{{ end }} {{ .ExternalURL }} {{ .Receiver }}"#,
    ]

    /// `--template.type html` texts (Go's html/template escaping): Alertmanager's email.tmpl,
    /// URL attributes in each part, an HTML comment, RCDATA, unquoted values, safeHtml.
    static let htmlTexts = [
        #"{{ template "email.default.html" . }}"#,
        #"{{ template "email.default.subject" . }}"#,
        #"<a href="{{ .ExternalURL }}/x?r={{ .Receiver | urlquery }}&q={{ .Receiver }}">{{ .CommonLabels.zone }}</a><!-- c --><title>{{ .Status }} & {{ .Receiver }}</title>"#,
        #"<p title={{ .CommonAnnotations.runbook }}>{{ range .Alerts }}{{ .Annotations.summary | safeHtml }} <a href='{{ .GeneratorURL }}'>{{ .Labels.bin }}</a>{{ end }}</p>"#,
    ]

    /// Templates that fail to parse or execute, each with amtool's message.
    static let failing: [(text: String, message: String)] = [
        ("{{ .Receiver ", "template: :1: unclosed action"),
        (#"{{ template "nope" . }}"#, #"template: :1:12: executing "" at <{{template "nope" .}}>: template "nope" not defined"#),
        ("{{ .Nope }}", #"template: :1:3: executing "" at <.Nope>: can't evaluate field Nope in type template.Data"#),
        ("{{ nosuch . }}", #"template: :1: function "nosuch" not defined"#),
        ("{{ range .Receiver }}{{ end }}", #"template: :1:9: executing "" at <.Receiver>: range can't iterate over receiver"#),
        ("{{ range (.Status) }}{{ end }}", #"template: :1:10: executing "" at <.Status>: range can't iterate over alertstatus"#),
        (#"{{ range .Alerts.Firing | len | printf "%d" }}{{ end }}"#,
         #"template: :1:39: executing "" at <"%d">: range can't iterate over 0"#),
    ]

    func workspace() throws -> String {
        let dir = NSTemporaryDirectory() + "binwatch-amtemplate-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/templates", withIntermediateDirectories: true)
        try Self.custom.write(toFile: dir + "/templates/bins.tmpl", atomically: true, encoding: .utf8)
        try Self.data.write(toFile: dir + "/data.json", atomically: true, encoding: .utf8)
        return dir
    }

    @discardableResult
    func expectSame(_ arguments: [String], in dir: String, sourceLocation: SourceLocation = #_sourceLocation) async throws
        -> BinwatchProcess.Result
    {
        try await AmtoolComparison.expectSame(arguments, in: dir, sourceLocation: sourceLocation)
    }

    @Test(arguments: defaultDataTexts)
    func defaultDataRendersAsAmtool(_ text: String) async throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try await expectSame(
            ["template", "render", "--template.glob", Self.defaultTemplate, "--template.glob", "templates/*.tmpl",
             "--template.text", text], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test(arguments: dataTexts)
    func dataFileRendersAsAmtool(_ text: String) async throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try await expectSame(
            ["template", "render", "--template.glob", Self.defaultTemplate, "--template.glob", dir + "/templates/bins.tmpl",
             "--template.data", dir + "/data.json", "--template.text", text], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test(arguments: htmlTexts)
    func htmlTypeRendersAsAmtool(_ text: String) async throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Debian's amtool embeds neither default.tmpl nor email.tmpl: both get the packaged files.
        let result = try await expectSame(
            ["template", "render", "--template.glob", "/usr/share/prometheus/alertmanager/*.tmpl", "--template.type", "html",
             "--template.data", dir + "/data.json", "--template.text", text], in: dir)
        #expect(result.status == 0 && !result.stdout.isEmpty, "\(result.stderr)")
    }

    @Test func dataFileTimesAndStatusesAreGoValues() async throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = #"{{ range .Alerts }}{{ .Status }} {{ .StartsAt }} {{ .EndsAt }} {{ .EndsAt.IsZero }}{{ "\n" }}{{ end }}"#
        let result = try await expectSame(
            ["template", "render", "--template.glob", "none", "--template.data", "data.json", "--template.text", text], in: dir)
        #expect(result.stdout == """
            firing 2024-05-01 12:00:00.25 +0000 UTC 0001-01-01 00:00:00 +0000 UTC true
            firing 2024-05-01 12:03:00 +0000 UTC 0001-01-01 00:00:00 +0000 UTC true
            resolved 2024-05-01 11:00:00 +0000 UTC 2024-05-01 11:30:00 +0000 UTC false

            """)
    }

    @Test func theBuiltInDefaultTemplatesNeedNoGlob() async throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = #"{{ template "slack.default.title" . }}"#
        let reference = try await BinwatchProcess.runTool(
            [AmtoolComparison.amtool, "template", "render", "--template.glob", Self.defaultTemplate, "--template.text", text])
        let result = try await BinwatchProcess.run(
            ["template", "render", "--template.glob", "templates/none-*.tmpl", "--template.text", text], currentDirectory: dir)
        #expect(result.status == 0 && reference.status == 0, "\(result.stderr) \(reference.stderr)")
        #expect(result.stdout == reference.stdout)
        #expect(result.stdout == "[ALERTSTATUS] grouplabelvalue1 grouplabelvalue2 ")
    }

    @Test func failingTemplatesFailAsAmtool() async throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (text, message) in Self.failing {
            let result = try await expectSame(
                ["template", "render", "--template.glob", Self.defaultTemplate, "--template.text", text], in: dir)
            #expect(result.status == 1)
            #expect(result.stderr == "binwatch: error: \(message)\n\n", "\(text): \(result.stderr)")
        }
        try "{{ define \"broken\" }}{{ .Foo }}\n".write(toFile: dir + "/templates/broken.tmpl", atomically: true, encoding: .utf8)
        let parse = try await expectSame(["template", "render", "--template.glob", "templates/*.tmpl", "--template.text", "x"], in: dir)
        #expect(parse.stderr == "binwatch: error: template: broken.tmpl:2: unexpected EOF\n\n", "\(parse.stderr)")
        // Lexer errors on a later line than the action's `{{` name where it started, as Go 1.19 does.
        let spanning: [(file: String, message: String)] = [
            ("{{ .Foo \n\n", "template: s0.tmpl:3: unclosed action started at s0.tmpl:1"),
            ("{{ if .Foo }}\nx{{ .Bar \n", "template: s1.tmpl:3: unclosed action started at s1.tmpl:2"),
            ("{{ .Foo (\n }}", "template: s2.tmpl:2: unclosed left paren in action started at s2.tmpl:1"),
            ("{{ .a \n @", "template: s3.tmpl:2: unexpected \"@\" in operand"),
            ("{{ .a }}\n{{ .b", "template: s4.tmpl:2: unclosed action"),
        ]
        for (index, (file, message)) in spanning.enumerated() {
            try file.write(toFile: dir + "/s\(index).tmpl", atomically: true, encoding: .utf8)
            let result = try await expectSame(
                ["template", "render", "--template.glob", "s\(index).tmpl", "--template.text", "x"], in: dir)
            #expect(result.stderr == "binwatch: error: \(message)\n\n", "\(file): \(result.stderr)")
        }
        let noGlob = try await expectSame(["template", "render", "--template.text", "x"], in: dir)
        #expect(noGlob.stderr == "binwatch: error: required flag --template.glob not provided\n\n")
        let noData = try await expectSame(
            ["template", "render", "--template.glob", "x", "--template.data", "none.json", "--template.text", "x"], in: dir)
        #expect(noData.stderr == "binwatch: error: open none.json: no such file or directory\n\n")
        try "{\"alerts\": 3}".write(toFile: dir + "/bad.json", atomically: true, encoding: .utf8)
        let badData = try await BinwatchProcess.run(
            ["template", "render", "--template.glob", "x", "--template.data", "bad.json", "--template.text", "x"],
            currentDirectory: dir)
        #expect(badData.status == 1)
        #expect(badData.stderr == "binwatch: error: --template.data bad.json: data.alerts: expected an array\n\n")
    }
}
