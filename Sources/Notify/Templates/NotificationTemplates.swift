public import Rules

/// Alertmanager's template set: `default.tmpl`'s definitions, then the user's `templates:`
/// files (whose `{{ define }}`s may replace the defaults), and every configured field
/// template compiled against them. Field templates are named `""` as Alertmanager's
/// `ExecuteTextString` names them, so errors read as Alertmanager's do.
public struct NotificationTemplates: Sendable, NotificationTemplateRenderer {
    /// The named templates field templates can call.
    public let definitions: TemplateDefinitions
    private var compiled: [String: Template] = [:]
    private static let functions = AlertmanagerFunctions()

    /// Only `default.tmpl`'s definitions, with the default field templates compiled.
    public static let defaults: NotificationTemplates = {
        do {
            return try NotificationTemplates(files: [])
        } catch {
            // The default templates are constants checked by the tests; this cannot fail at run time.
            preconditionFailure("default.tmpl does not parse: \(error)")
        }
    }()

    /// Builds the set from template files, in order, after `default.tmpl`.
    /// - Parameter files: each file's base name (Go's parse name, as errors show it) and text.
    /// - Throws: the first file's parse error, e.g. `template: my.tmpl:3: unexpected "}" in operand`.
    public init(files: [(name: String, text: String)]) throws(TemplateError) {
        var definitions = TemplateDefinitions()
        definitions.add(try Template(
            name: DefaultTemplates.fileName, text: DefaultTemplates.source + DefaultTemplates.receiverSource,
            functions: Self.functions))
        definitions.add(try Template(
            name: DefaultTemplates.emailFileName, text: DefaultTemplates.emailSource, functions: Self.functions,
            including: definitions))
        for file in files {
            definitions.add(try Template(name: file.name, text: file.text, functions: Self.functions, including: definitions))
        }
        self.definitions = definitions
        for source in DefaultTemplates.fieldSources + DefaultTemplates.receiverFieldSources { _ = try compile(source) }
        for source in [DefaultTemplates.Email.subject, DefaultTemplates.Email.html] { _ = try compile(source) }
    }

    /// Parses a field template against the set and keeps it for `render`.
    /// - Throws: Go's parse error.
    @discardableResult
    public mutating func compile(_ source: String) throws(TemplateError) -> Template {
        if let template = compiled[source] { return template }
        let template = try Template(name: "", text: source, functions: Self.functions, including: definitions)
        compiled[source] = template
        return template
    }

    /// Renders `source` with `data` as dot (`ExecuteTextString`: an empty source renders empty).
    public func render(_ source: String, data: TemplateData) throws(TemplateRenderError) -> String {
        try render(source, dot: data.templateValue)
    }

    /// Renders `source` as Alertmanager's `ExecuteHTMLString` does, through Go's `html/template`
    /// escaping (an email's HTML body).
    public func renderHTML(_ source: String, data: TemplateData) throws(TemplateRenderError) -> String {
        try renderHTML(source, dot: data.templateValue)
    }

    /// `renderHTML` with any dot value, such as `TemplateData.structTemplateValue`.
    public func renderHTML(_ source: String, dot: TemplateValue) throws(TemplateRenderError) -> String {
        try execute(source) { template throws(TemplateError) in try template.executeHTML(data: dot) }
    }

    /// Renders `source` with any dot value, such as `TemplateData.structTemplateValue`.
    public func render(_ source: String, dot: TemplateValue) throws(TemplateRenderError) -> String {
        try execute(source) { template throws(TemplateError) in try template.execute(data: dot) }
    }

    /// Runs `source`'s template (compiled already, or parsed now against the set); an empty
    /// source renders empty, as Alertmanager's `ExecuteTextString`/`ExecuteHTMLString`.
    private func execute(
        _ source: String, _ run: (Template) throws(TemplateError) -> String
    ) throws(TemplateRenderError) -> String {
        if source.isEmpty { return "" }
        do throws(TemplateError) {
            if let template = compiled[source] { return try run(template) }
            return try run(try Template(name: "", text: source, functions: Self.functions, including: definitions))
        } catch {
            throw TemplateRenderError(message: error.message)
        }
    }
}
