/// A parsed Go `text/template` (the subset Prometheus rules use), ready to execute.
///
/// ```swift
/// let t = try Template(name: "__alert_High", text: "{{ $value | humanize }}")
/// let s = try t.execute(data: .float(1234567))
/// ```
public struct Template: Sendable {
    /// The template name, used in error messages (`template: NAME:LINE: …`).
    public let name: String
    let text: String
    let root: [TemplateNode]
    /// The `{{define}}`d templates this one can call: the base set's, then its own.
    public let definitions: TemplateDefinitions
    let functions: (any TemplateFunctionSet)?

    /// Parses `text`, rejecting what Go's parser rejects (unknown functions, undefined
    /// variables, unbalanced `{{end}}`, …).
    /// - Parameters:
    ///   - name: the template's name (Go's `template.New(name)`).
    ///   - text: the source.
    ///   - functions: the function set besides Go's builtins; nil for Prometheus's.
    ///   - base: templates defined elsewhere (other files) that `{{template "x"}}` may call;
    ///     this text's own `{{define}}`s replace same-named ones, as Go's `Parse` does.
    /// - Throws: `TemplateError` of kind `.parse` with Go's message.
    public init(
        name: String, text: String, functions: (any TemplateFunctionSet)? = nil,
        including base: TemplateDefinitions = TemplateDefinitions()
    ) throws(TemplateError) {
        self.name = name
        self.text = text
        self.functions = functions
        var parser = TemplateParser(name: name, text: text, functions: TemplateFunctions.names(custom: functions))
        root = try parser.parse()
        var definitions = base
        let bytes = Array(text.utf8)
        for (defName, nodes) in parser.definitions {
            definitions.byName[defName] = TemplateDefinitions.Definition(nodes: nodes, parseName: name, text: bytes)
        }
        self.definitions = definitions
    }

    /// Executes the template with `data` as `.` and `$`.
    /// - Parameters:
    ///   - data: the dot value.
    ///   - query: runs `query "expr"`; nil makes `query` fail with an error.
    ///   - externalURL: what `externalURL`/`pathPrefix` return.
    ///   - escapeHTML: print every action's value HTML-escaped, as Go's `html/template` does
    ///     in text context (Alertmanager's `ExecuteHTMLString`, used for Telegram's HTML
    ///     parse mode and Pushover's `html`); `safeHtml` values print as they are.
    /// - Throws: `TemplateError` of kind `.execution` with Go's message.
    public func execute(
        data: TemplateValue, query: TemplateQuery? = nil, externalURL: String = "", escapeHTML: Bool = false
    ) throws(TemplateError) -> String {
        var evaluator = TemplateEvaluator(
            name: name, text: text, definitions: definitions,
            functions: TemplateFunctions(query: query, externalURL: externalURL, custom: functions))
        evaluator.escapeHTML = escapeHTML
        return try evaluator.run(root, data: data)
    }
}

/// Named templates (`{{define "x"}}…{{end}}`) collected from one or more parsed texts, as a
/// Go template set holds them; each remembers its source for error positions.
public struct TemplateDefinitions: Sendable {
    struct Definition: Sendable {
        var nodes: [TemplateNode]
        /// The name of the text it was parsed from (Go's `ParseName`: a file's base name).
        var parseName: String
        var text: [UInt8]
    }

    var byName: [String: Definition] = [:]

    /// An empty set.
    public init() {}

    /// The defined names, sorted.
    public var names: [String] { byName.keys.sorted() }

    /// Adds `template`'s definitions, and the template itself under its name when its body is
    /// more than blank text (Go's `ParseFiles`/`ParseGlob` make each file a template too).
    /// Later additions replace same-named templates, as Go's `Parse` does.
    public mutating func add(_ template: Template) {
        byName.merge(template.definitions.byName) { _, new in new }
        let blank = template.root.allSatisfy {
            if case .text(let s) = $0 { return s.allSatisfy(\.isWhitespace) }
            return false
        }
        if !blank {
            byName[template.name] = Definition(nodes: template.root, parseName: template.name, text: Array(template.text.utf8))
        }
    }
}
