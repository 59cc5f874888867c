import Model
import Testing
@testable import Rules

/// Pure decoder tests: positions, 3.x-specific rules, and the seam for expression checks.
@Suite struct RuleFileDecoderTests {
    let decoder = RuleFileDecoder()

    func errors(_ text: String, _ decoder: RuleFileDecoder = RuleFileDecoder()) -> [String] {
        do {
            _ = try decoder.decode(text, path: "f.yml")
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func decodesEveryField() throws {
        let text = """
            groups:
              - name: g
                interval: 30s
                query_offset: 1m
                limit: 10
                labels: {team: wms}
                rules:
                  - alert: HighLatency
                    expr: latency > 0.5
                    for: 5m
                    keep_firing_for: 10m
                    labels: {severity: page}
                    annotations: {summary: "{{ $value }}"}
                  - record: job:latency:max
                    expr: max by (job) (latency)
            """
        let file = try decoder.decode(text, path: "f.yml")
        #expect(file.ruleCount == 2)
        let group = try #require(file.groups.first)
        #expect(group.interval == PromDuration(seconds: 30))
        #expect(group.queryOffset == PromDuration(seconds: 60))
        #expect(group.limit == 10)
        #expect(group.labels == [RuleFile.KeyValue("team", "wms")])
        let alert = group.rules[0]
        #expect(alert.alert?.value == "HighLatency")
        #expect(alert.expr?.line == 9 && alert.expr?.column == 15)
        #expect(alert.forDuration == PromDuration(seconds: 300))
        #expect(alert.keepFiringFor == PromDuration(seconds: 600))
        #expect(alert.annotations == [RuleFile.KeyValue("summary", "{{ $value }}")])
        #expect(group.rules[1].record?.value == "job:latency:max")
    }

    @Test func prometheus3AcceptsUTF8NamesButNotBraces() {
        let text = "groups:\n  - name: g\n    rules:\n      - record: \"my-metric\"\n        expr: up\n      - record: \"up{job=\\\"x\\\"}\"\n        expr: up\n"
        #expect(errors(text) == [
            "f.yml: 6:17: group \"g\", rule 2, \"up{job=\\\"x\\\"}\": braces present in the recording rule name; should it be in expr?: up{job=\"x\"}"
        ])
        #expect(errors(text, RuleFileDecoder(compatibility: .prometheus2_42)).count == 2)
    }

    @Test func missingRecordAndAlertPrintsBothZeroPositionsOn3x() {
        let text = "groups:\n  - name: g\n    rules:\n      - expr: up\n"
        #expect(errors(text) == ["f.yml: 0:0: 0:0: group \"g\", rule 1, \"\": one of 'record' or 'alert' must be set"])
        #expect(errors(text, RuleFileDecoder(compatibility: .prometheus2_42))
            == ["f.yml: 0:0: group \"g\", rule 1, \"\": one of 'record' or 'alert' must be set"])
    }

    @Test func groupLabelsAreValidatedAndUnknownOn242() {
        let text = "groups:\n  - name: g\n    labels: {__name__: x}\n    rules: []\n"
        #expect(errors(text) == ["f.yml: invalid label name: __name__"])
        #expect(errors(text, RuleFileDecoder(compatibility: .prometheus2_42))
            == ["f.yml: yaml: unmarshal errors:\n  line 3: field labels not found in type rulefmt.RuleGroup"])
    }

    @Test func expressionCheckIsASeam() {
        let rejectAll = RuleFileDecoder(checkExpression: { _ in "1:1: parse error: nope" })
        #expect(errors("groups:\n  - name: g\n    rules:\n      - record: r\n        expr: up\n", rejectAll)
            == ["f.yml: 5:15: group \"g\", rule 1, \"r\": could not parse expression: 1:1: parse error: nope"])
    }

    @Test func realParserMessagesAndPositions() {
        #expect(errors("groups:\n  - name: g\n    rules:\n      - record: x\n        expr: 'test +'\n")
            == ["f.yml: 5:15: group \"g\", rule 1, \"x\": could not parse expression: 1:7: parse error: unexpected end of input"])
    }

    @Test func durationErrorsAbortTheDecode() {
        #expect(errors("groups:\n  - name: g\n    interval: 1x\n    rules:\n      - record: r\n        expr: ''\n")
            == ["f.yml: not a valid duration string: \"1x\""])
    }

    @Test func duplicateRuleLintMergesGroupLabelsOn3x() throws {
        let text = "groups:\n  - name: a\n    labels: {t: x}\n    rules:\n      - record: r\n        expr: up\n  - name: b\n    rules:\n      - record: r\n        expr: up\n        labels: {t: x}\n"
        let file = try decoder.decode(text, path: "f.yml")
        let lint = try #require(decoder.duplicateRules(in: file))
        #expect(lint.description == "lint error 1 duplicate rule(s) found.\nMetric: r\nLabel(s):\n\tt: x\nMight cause inconsistency while recording expressions")
    }
}
