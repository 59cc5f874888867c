import Testing
@testable import Rules

/// The engine's extension points: caller-defined objects (fields, methods with arguments,
/// range, len, index), replaceable function sets, and `{{define}}` sets shared across texts.
@Suite struct TemplateObjectTests {
    /// A Go struct `Box{Name string; Items []string}` with a method `Has(s string) bool`.
    struct Box: TemplateObject {
        var name: String
        var items: [String]
        var goTypeName: String { "main.Box" }
        var goString: String { "{\(name) [\(items.joined(separator: " "))]}" }

        func member(_ field: String, args: [TemplateValue]) throws(TemplateFunctionError) -> TemplateValue? {
            switch field {
            case "Name": return .string(name)
            case "Items": return Items(items: items).templateValue
            case "Has":
                guard args.count == 1, case .string(let s) = args[0] else {
                    throw TemplateFunctionError(message: "wrong number of args for Has: want 1 got \(args.count)", wrapped: false)
                }
                return .bool(items.contains(s))
            default: return nil
            }
        }
    }

    /// `[]string`.
    struct Items: TemplateObject {
        var items: [String]
        var goTypeName: String { "[]string" }
        var goString: String { "[" + items.joined(separator: " ") + "]" }
        var isTrue: Bool { !items.isEmpty }
        var count: Int? { items.count }
        func member(_ field: String, args: [TemplateValue]) throws(TemplateFunctionError) -> TemplateValue? { nil }
        func elements() -> [(key: TemplateValue, element: TemplateValue)]? {
            items.enumerated().map { (.int($0.offset), .string($0.element)) }
        }
        func index(_ key: TemplateValue) throws(TemplateFunctionError) -> TemplateValue {
            guard case .int(let i) = key, items.indices.contains(i) else { throw TemplateFunctionError(message: "index out of range") }
            return .string(items[i])
        }
    }

    /// Only `shout`, besides Go's builtins.
    struct Shout: TemplateFunctionSet {
        var names: Set<String> { ["shout", "toUpper"] }
        func call(_ name: String, _ args: [TemplateValue]) throws(TemplateFunctionError) -> TemplateValue? {
            guard name == "shout", case .string(let s)? = args.first else { return nil }
            return .string(s + "!")
        }
    }

    static let box = Box(name: "b1", items: ["x", "y"]).templateValue

    func run(_ text: String, functions: (any TemplateFunctionSet)? = nil) throws -> String {
        try Template(name: "t", text: text, functions: functions).execute(data: Self.box)
    }

    @Test(arguments: [
        ("{{ .Name }} {{ len .Items }} {{ index .Items 1 }} {{ .Items }} {{ . }}", "b1 2 y [x y] {b1 [x y]}"),
        ("{{ range $i, $e := .Items }}{{ $i }}{{ $e }}{{ end }}", "0x1y"),
        ("{{ .Has \"y\" }} {{ \"z\" | .Has }} {{ if .Has \"x\" }}has{{ end }}", "true false has"),
        ("{{ $b := . }}{{ $b.Has \"x\" }} {{ (.).Has \"q\" }}", "true false"),
        ("{{ with .Items }}{{ len . }}{{ end }}", "2"),
    ])
    func objectsBehaveAsGoValues(_ text: String, _ expected: String) throws {
        #expect(try run(text) == expected)
    }

    @Test func objectErrorsReadAsGos() {
        #expect(throws: TemplateError(kind: .execution, message: #"template: t:1:3: executing "t" at <.Nope>: can't evaluate field Nope in type main.Box"#)) {
            try run("{{ .Nope }}")
        }
        #expect(throws: TemplateError(kind: .execution, message: #"template: t:1:3: executing "t" at <.Has>: wrong number of args for Has: want 1 got 0"#)) {
            try run("{{ .Has }}")
        }
    }

    @Test func aFunctionSetReplacesPrometheusButKeepsBuiltinsAndSharedNames() throws {
        #expect(try run("{{ shout .Name }} {{ toUpper .Name }} {{ len .Items }} {{ printf \"%03d\" 7 }}", functions: Shout()) == "b1! B1 2 007")
        #expect(throws: TemplateError(kind: .parse, message: #"template: t:1: function "humanize" not defined"#)) {
            try run("{{ humanize 1 }}", functions: Shout())
        }
        #expect(throws: TemplateError.self) { try run("{{ shout 1 }}") }  // not a Prometheus function
    }

    @Test func definitionsAreSharedAcrossTextsAndKeepTheirOwnPositions() throws {
        var set = TemplateDefinitions()
        set.add(try Template(name: "lib.tmpl", text: "{{ define \"greet\" }}hi {{ .Name }}{{ end }}\n{{ define \"bad\" }}\n  {{ .Nope }}{{ end }}"))
        #expect(set.names == ["bad", "greet"])
        let use = try Template(name: "", text: "{{ template \"greet\" . }}!", including: set)
        #expect(try use.execute(data: Self.box) == "hi b1!")
        let failing = try Template(name: "", text: "{{ template \"bad\" . }}", including: set)
        #expect(throws: TemplateError(kind: .execution, message: #"template: lib.tmpl:3:5: executing "bad" at <.Nope>: can't evaluate field Nope in type main.Box"#)) {
            try failing.execute(data: Self.box)
        }
        // A later text's define replaces the earlier one, as Go's Parse does.
        set.add(try Template(name: "override.tmpl", text: "{{ define \"greet\" }}yo{{ end }}"))
        #expect(try Template(name: "", text: "{{ template \"greet\" . }}", including: set).execute(data: Self.box) == "yo")
    }
}
