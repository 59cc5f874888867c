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
        for file in files {
            definitions.add(try Template(name: file.name, text: file.text, functions: Self.functions, including: definitions))
        }
        self.definitions = definitions
        for source in DefaultTemplates.fieldSources + DefaultTemplates.receiverFieldSources { _ = try compile(source) }
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

    /// Renders `source` with every printed value HTML-escaped (`ExecuteHTMLString`).
    public func renderHTML(_ source: String, data: TemplateData) throws(TemplateRenderError) -> String {
        try render(source, dot: data.templateValue, escapeHTML: true)
    }

    /// Renders `source` with any dot value, such as `TemplateData.structTemplateValue`.
    /// - Parameter escapeHTML: print values HTML-escaped, as Go's `html/template`.
    public func render(_ source: String, dot: TemplateValue, escapeHTML: Bool = false) throws(TemplateRenderError) -> String {
        if source.isEmpty { return "" }
        do throws(TemplateError) {
            var template = compiled[source]
            if template == nil {
                template = try Template(name: "", text: source, functions: Self.functions, including: definitions)
            }
            guard let template else { return "" }
            return try template.execute(data: dot, escapeHTML: escapeHTML)
        } catch {
            throw TemplateRenderError(message: error.message)
        }
    }
}
