import Foundation
import Testing
@testable import Rules

/// Every row is expanded by binwatch, written as the expected annotation of a promtool
/// unit test, and checked by the real promtool: the two must agree byte for byte.
@Suite struct AlertTemplatePromtoolTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var template: String
        var value: Double
        var labels: [String: String] = [:]
        var testDescription: String { "\(template) @ \(value)" }
    }

    static let cases: [Case] = [
        Case(template: "{{ $value }}", value: 1_000_000),
        Case(template: "{{ $value }}", value: 0.1 + 0.2),
        Case(template: "{{ $value }}", value: 123456),
        Case(template: "{{ $value }}", value: 1234567),
        Case(template: "{{ $value }}", value: 0.0001),
        Case(template: "{{ $value }}", value: 0.00001),
        Case(template: "{{ $value }}", value: -42.5),
        Case(template: "{{ $value }}", value: 1e21),
        Case(template: "{{ $value }}", value: 100),
        Case(template: "{{ .Value }} {{ $value | printf \"%.2f\" }}", value: 2.675),
        Case(template: "{{ printf \"%5.1f|%-8.3f|%08.2f|%+.1e\" $value $value $value $value }}", value: 3.14159),
        Case(template: "{{ printf \"%g %G %e %E %v\" $value $value $value $value $value }}", value: 1.5e-7),
        Case(template: "{{ printf \"%d %s %q %x\" 42 \"str\" \"quo\\\"te\" \"hex\" }}", value: 1),
        Case(template: "{{ printf \"%d\" $value }}|{{ printf \"%s\" $value }}|{{ printf \"%d %d\" 1 }}|{{ printf \"%d\" 1 2 }}", value: 1.5),
        Case(template: "{{ printf \"%6d|%-6d|%06d|%x|%X|%o|%b\" 42 42 42 255 255 8 5 }}", value: 1),
        // Widths and precisions beyond Go's 1e6 bound (FuzzTemplate: an overlong width trapped).
        Case(template: "{{ printf \"%22222222222222222222222d|%s\" 84 \"str\" }}", value: 1),
        Case(template: "{{ printf \"a%.99999999999999999999f|%d\" 1.5 2 }}", value: 1),
        Case(template: "{{ printf \"%*d|%*d|%.*f|%.*f|%*s\" 2000000 1 3 2 -1 2.5 2000000 2.5 \"x\" 5 }}", value: 1),
        Case(template: "{{ printf \"%.3s|%10s|%-10s|%t|%v\" \"abcdef\" \"r\" \"l\" true false }}", value: 1),
        Case(template: "{{ humanize $value }}", value: 1_234_567),
        Case(template: "{{ humanize $value }}", value: 0.00123),
        Case(template: "{{ humanize $value }}", value: 0),
        Case(template: "{{ humanize $value }}", value: -1234),
        Case(template: "{{ humanize1024 $value }}", value: 2048),
        Case(template: "{{ humanize1024 $value }}", value: 1_234_567_890),
        Case(template: "{{ humanizeDuration $value }}", value: 3661),
        Case(template: "{{ humanizeDuration $value }}", value: 61),
        Case(template: "{{ humanizeDuration $value }}", value: 0.0123),
        Case(template: "{{ humanizeDuration $value }}", value: 200_000),
        Case(template: "{{ humanizeDuration $value }}", value: 12.345678),
        Case(template: "{{ humanizeDuration $value }}", value: -90),
        Case(template: "{{ humanizePercentage $value }}", value: 0.1234),
        Case(template: "{{ humanizeTimestamp $value }}", value: 0),
        Case(template: "{{ humanizeTimestamp $value }}", value: 1_700_000_000.5),
        Case(template: "{{ humanize \"1234\" }} {{ humanize 1234 }}", value: 1),
        Case(template: "{{ $labels.instance }} {{ .Labels.job }} [{{ $labels.missing }}] {{ index $labels \"job\" }}", value: 1,
             labels: ["instance": "host-1.example.com:9100", "job": "node"]),
        Case(template: "{{ $labels.instance | stripPort }} {{ $labels.instance | stripDomain }} {{ stripPort \"[::1]:80\" }} {{ stripDomain \"10.0.0.1:80\" }}", value: 1,
             labels: ["instance": "host-1.example.com:9100"]),
        Case(template: "{{ if gt $value 10.0 }}high{{ else if gt $value 5.0 }}mid{{ else }}low{{ end }}", value: 7),
        Case(template: "{{ if and (eq $labels.job \"node\") (ne $labels.env \"dev\") }}yes{{ end }}{{ if or false 0 \"\" }}x{{ else }}none{{ end }}", value: 1,
             labels: ["job": "node", "env": "prod"]),
        Case(template: "{{ with $labels.team }}team={{ . }}{{ else }}no team{{ end }}", value: 1),
        Case(template: "{{ range $k, $v := $labels }}{{ $k }}={{ $v }};{{ end }}", value: 1, labels: ["a": "1", "b": "2"]),
        Case(template: "{{- /* comment */ -}}  {{ $x := 5 }}{{ $x = 6 }}{{ $x }}  {{- \" trimmed \" -}}  !", value: 1),
        Case(template: "{{ toUpper \"abc\" }} {{ toLower \"ABC\" }} {{ title \"hello big-world\" }} {{ len \"héllo\" }}", value: 1),
        Case(template: "{{ reReplaceAll \"(\\\\w+)-(\\\\d+)\" \"$2_$1\" $labels.instance }} {{ match \"^host\" $labels.instance }}", value: 1,
             labels: ["instance": "host-12"]),
        Case(template: "{{ print 1 2 \"a\" \"b\" 3.5 true }}|{{ println \"x\" 1 }}|{{ 1.5 }} {{ 7 }} {{ true }}", value: 1),
        Case(template: "{{ graphLink \"up == 0\" }} {{ tableLink \"rate(x[5m])\" }}", value: 1),
        Case(template: "{{ parseDuration \"1h30m\" }} {{ (toTime 1.5).Unix }} {{ toTime 86400 }}", value: 1),
        Case(template: "{{ $value | humanize | printf \"%s!\" }} {{ safeHtml \"<b>\" }} {{ html \"<a&b>\" }} {{ urlquery \"a b&c\" }}", value: 1500),
        Case(template: "{{ (args 1 \"x\").arg1 }} {{ len (args 1 2 3) }} {{ not true }} {{ eq 1 2 1 }}", value: 1),
        Case(template: "{{ $value }} {{ printf \"%.0f %.1f\" 0.5 0.25 }}", value: .infinity),
        Case(template: "{{ $value }} {{ humanize $value }}", value: -.infinity),
        Case(template: "{{ first (query \"vector(1)\") }} {{ query \"vector(1)\" | first | value }}", value: 1),
        Case(template: "{{ query \"absent_series\" | first | value }}", value: 1),
        Case(template: "{{ humanize \"abc\" }}", value: 1),
        Case(template: "{{ $labels.x.y }}", value: 1),
        Case(template: "{{ gt $value 1 }}", value: 3),
    ]

    /// Expands with a query function that knows the one answer promtool's engine gives for
    /// `vector(1)` and nothing else (no input series exist in the generated test).
    static func expand(_ c: Case, alert: String) -> String {
        AlertTemplate.expand(c.template, alert: alert, data: AlertTemplateData(labels: c.labels, value: c.value)) { expr in
            expr == "vector(1)" ? [QuerySample(labels: [:], value: 1)] : []
        }
    }

    @Test func promtoolAgreesOnEveryExpansion() throws {
        guard Promtool.isAvailable else {
            print("skipped: /usr/bin/promtool not installed")
            return
        }
        let dir = try Promtool.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var rules = "groups:\n  - name: templates\n    rules:\n"
        var tests = "rule_files: [rules.yml]\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series: []\n    alert_rule_test:\n"
        for (i, c) in Self.cases.enumerated() {
            let alert = "T\(i)"
            let labelArgs = c.labels.sorted { $0.key < $1.key }
            var expr = "vector(\(c.value.isInfinite ? (c.value > 0 ? "+Inf" : "-Inf") : "\(c.value)"))"
            for (k, v) in labelArgs { expr = "label_replace(\(expr), \"\(k)\", \"\(v)\", \"\", \"\")" }
            rules += "      - alert: \(alert)\n        expr: \(Promtool.yamlString(expr))\n"
            rules += "        annotations:\n          a: \(Promtool.yamlString(c.template))\n"
            tests += "      - eval_time: 0m\n        alertname: \(alert)\n        exp_alerts:\n          - exp_labels: {"
            tests += labelArgs.map { "\($0.key): \(Promtool.yamlString($0.value))" }.joined(separator: ", ")
            tests += "}\n            exp_annotations:\n              a: \(Promtool.yamlString(Self.expand(c, alert: alert)))\n"
        }
        try rules.write(to: dir.appendingPathComponent("rules.yml"), atomically: true, encoding: .utf8)
        try tests.write(to: dir.appendingPathComponent("test.yml"), atomically: true, encoding: .utf8)
        let result = try Promtool.run(["test", "rules", "test.yml"], in: dir)
        #expect(result.status == 0, "promtool disagrees:\n\(result.stdout)\n\(result.stderr)")
    }
}
