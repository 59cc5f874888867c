import Foundation
import Testing
@testable import Rules

/// Templates that Go's parser rejects: binwatch must reject the same ones with the same
/// message promtool prints for `promtool check rules`.
@Suite struct TemplateParsePromtoolTests {
    static let badTemplates: [String] = [
        "{{ $label.foo }}",
        "{{ $labels.x }",
        "{{ foo }}",
        "{{ if }}x{{ end }}",
        "{{ if true }}x",
        "{{ end }}",
        "{{ else }}",
        "{{ range $i, $j, $k := . }}{{ end }}",
        "{{ \"unterminated }}",
        "{{ 1 | 2 }}",
        "{{ .Labels.x | }}",
        "{{ (1 }}",
        "{{ ) }}",
        "{{ $x := }}",
        "{{ 3x }}",
        "{{ 1.a }}",
        "{{ template }}",
        "{{ break }}",
        "{{ /* x */ }}",
        "line one\n{{ $undefined }}",
        "{{ printf \"%d\" 1 | }}",
        "{{ if true }}{{ else }}{{ else }}{{ end }}",
        "{{ with $x := 1 }}{{ end }}{{ $x }}",
        "{{ $labels.instance | nosuch }}",
        "{{ . | \"x\" }}",
        "{{ define \"x\" }}",
        "{{ 'ab' }}",
        "{{ ,}}",
    ]

    @Test func parseErrorsMatchPromtool() throws {
        guard Promtool.isAvailable else {
            print("skipped: /usr/bin/promtool not installed")
            return
        }
        let dir = try Promtool.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var rules = "groups:\n  - name: g\n    rules:\n"
        for (i, template) in Self.badTemplates.enumerated() {
            rules += "      - alert: A\(i)\n        expr: up\n        annotations:\n          a: \(Promtool.yamlString(template))\n"
        }
        try rules.write(to: dir.appendingPathComponent("bad.yml"), atomically: true, encoding: .utf8)
        let result = try Promtool.run(["check", "rules", "bad.yml"], in: dir)
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        for (i, template) in Self.badTemplates.enumerated() {
            let prefix = "bad.yml: group \"g\", rule \(i + 1), \"A\(i)\": annotation \"a\": "
            let promtool = lines.first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
            var ours: String?
            do {
                _ = try AlertTemplate.parse(template, alert: "A\(i)")
            } catch {
                ours = error.message
            }
            #expect(ours == promtool, "template \(template.debugDescription)")
        }
    }
}
