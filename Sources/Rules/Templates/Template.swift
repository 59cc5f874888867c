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
    let definitions: [String: [TemplateNode]]

    /// Parses `text`, rejecting what Go's parser rejects (unknown functions, undefined
    /// variables, unbalanced `{{end}}`, …).
    /// - Throws: `TemplateError` of kind `.parse` with Go's message.
    public init(name: String, text: String) throws(TemplateError) {
        self.name = name
        self.text = text
        var parser = TemplateParser(name: name, text: text, functions: TemplateFunctions.names)
        root = try parser.parse()
        definitions = parser.definitions
    }

    /// Executes the template with `data` as `.` and `$`.
    /// - Parameters:
    ///   - data: the dot value.
    ///   - query: runs `query "expr"`; nil makes `query` fail with an error.
    ///   - externalURL: what `externalURL`/`pathPrefix` return.
    /// - Throws: `TemplateError` of kind `.execution` with Go's message.
    public func execute(data: TemplateValue, query: TemplateQuery? = nil, externalURL: String = "") throws(TemplateError) -> String {
        var evaluator = TemplateEvaluator(
            name: name, text: text, definitions: definitions,
            functions: TemplateFunctions(query: query, externalURL: externalURL))
        return try evaluator.run(root, data: data)
    }
}
