import Testing
@testable import Rules

/// Go template behaviour beyond what alert annotations usually exercise (checked against
/// Go's documented semantics; promtool covers the common paths in AlertTemplatePromtoolTests).
@Suite struct TemplateEvaluatorTests {
    func run(_ text: String, _ data: TemplateValue = .none, query: TemplateQuery? = nil) throws -> String {
        try Template(name: "t", text: text).execute(data: data, query: query)
    }

    @Test func rangeWithBreakContinueAndElse() throws {
        let samples: TemplateValue = .samples([
            QuerySample(labels: ["i": "b"], value: 2), QuerySample(labels: ["i": "a"], value: 1), QuerySample(labels: ["i": "c"], value: 3),
        ])
        #expect(try run("{{ range $i, $s := . }}{{ if eq $i 1 }}{{ continue }}{{ end }}{{ $s.Labels.i }}{{ end }}", samples) == "bc")
        #expect(try run("{{ range . }}{{ if eq .Value 1.0 }}{{ break }}{{ end }}{{ .Value }}{{ end }}", samples) == "2")
        #expect(try run("{{ range sortByLabel \"i\" . }}{{ label \"i\" . }}{{ end }}", samples) == "abc")
        #expect(try run("{{ range . }}x{{ else }}empty{{ end }}", .samples([])) == "empty")
        #expect(try run("{{ range 3 }}{{ . }}{{ end }}") == "012")
    }

    @Test func defineTemplateAndElseWith() throws {
        #expect(try run("{{ define \"x\" }}[{{ . }}]{{ end }}{{ template \"x\" 5 }}{{ template \"x\" \"s\" }}") == "[5][s]")
        #expect(try run("{{ with 0 }}a{{ else with 2 }}b{{ . }}{{ end }}") == "b2")
    }

    @Test func variablesAreScopedToTheirBlock() throws {
        #expect(try run("{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}") == "21")
        #expect(try run("{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}") == "2")
        #expect(throws: TemplateError.self) { try run("{{ if true }}{{ $y := 1 }}{{ end }}{{ $y }}") }
    }

    @Test func queryResultsFlowThroughFunctions() throws {
        let query: TemplateQuery = { expr in
            expr == "up" ? [QuerySample(labels: ["__name__": "up", "instance": "h:9100", "__value__": "raw"], value: 1)] : []
        }
        #expect(try run("{{ with query \"up\" }}{{ . | first | label \"instance\" | stripPort }} {{ . | first | strvalue }}{{ end }}", query: query) == "h raw")
        #expect(try run("{{ len (query \"none\") }}", query: query) == "0")
    }

    @Test func executionErrorsNameTheNodeAndPosition() {
        #expect(throws: TemplateError(kind: .execution, message: "template: t:2:5: executing \"t\" at <index . 5>: error calling index: index out of range: 5")) {
            try run("x\n  {{ index . 5 }}", .samples([]))
        }
        #expect(throws: TemplateError(kind: .execution, message: "template: t:1:3: executing \"t\" at <humanize>: wrong number of args for humanize: want 1 got 2")) {
            try run("{{ humanize 1 2 }}")
        }
    }

    @Test func humanizeFamilyEdges() throws {
        #expect(TemplateFunctions.humanize(1e30) == "1e+06Y")
        #expect(TemplateFunctions.humanize(1e-30) == "1e-06y")
        #expect(TemplateFunctions.humanize1024(-1) == "-1")
        #expect(TemplateFunctions.humanizeDuration(86_400 * 2 + 5) == "2d 0h 0m 5s")
        #expect(TemplateFunctions.humanizeDuration(1e-7) == "100ns")
        #expect(try TemplateFunctions.goDuration(3723.5) == "1h2m3.5s")
        #expect(try TemplateFunctions.goDuration(0.0000015) == "1.5µs")
    }
}
