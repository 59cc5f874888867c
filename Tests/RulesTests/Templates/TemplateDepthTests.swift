import Testing
@testable import Rules

/// Nesting limits of the template parser and evaluator: inputs the fuzzer (Fuzz/FuzzTemplate)
/// crashed the process with now fail with an error.
@Suite struct TemplateDepthTests {
    @Test func selfCallingTemplateStopsAtTheDepthLimit() throws {
        let template = try Template(name: "t", text: #"{{define "a"}}{{template "a"}}{{end}}{{template "a"}}"#)
        #expect(throws: TemplateError.self) { try template.execute(data: .none) }
        do {
            _ = try template.execute(data: .none)
        } catch {
            #expect(error.message.contains("exceeded maximum template depth (1000)"))
        }
    }

    @Test func selfCallingTemplateWithNestingStopsAtTheNestingLimit() throws {
        let body = String(repeating: "{{if 1}}", count: 90) + #"{{template "a"}}"# + String(repeating: "{{end}}", count: 90)
        let template = try Template(name: "t", text: #"{{define "a"}}"# + body + #"{{end}}{{template "a"}}"#)
        do {
            _ = try template.execute(data: .none)
            Issue.record("expected a nesting error")
        } catch {
            #expect(error.message.contains("exceeded maximum nesting depth (300)"))
        }
    }

    @Test(arguments: [
        "{{" + String(repeating: "(", count: 20_000) + "1" + String(repeating: ")", count: 20_000) + "}}",
        String(repeating: "{{if 1}}", count: 20_000) + String(repeating: "{{end}}", count: 20_000),
        "{{if 1}}" + String(repeating: "{{else if 1}}", count: 20_000) + "{{end}}",
    ])
    func deepNestingIsAParseError(text: String) {
        do {
            _ = try Template(name: "t", text: text)
            Issue.record("expected a parse error")
        } catch {
            #expect(error.message.contains("max expression depth exceeded"))
        }
    }

    @Test func nestingUnderTheLimitRuns() throws {
        let parens = "{{" + String(repeating: "(", count: 99) + "1" + String(repeating: ")", count: 99) + "}}"
        #expect(try Template(name: "t", text: parens).execute(data: .none) == "1")
        let ifs = String(repeating: "{{if 1}}", count: 99) + "x" + String(repeating: "{{end}}", count: 99)
        #expect(try Template(name: "t", text: ifs).execute(data: .none) == "x")
    }
}
