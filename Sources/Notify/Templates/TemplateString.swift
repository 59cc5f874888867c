/// Renders a Go-template source against notification data: `NotificationTemplates`, or a
/// stand-in in tests.
public protocol NotificationTemplateRenderer: Sendable {
    /// Renders `source` (Go `text/template` syntax) with `data` as dot.
    /// - Throws: `TemplateRenderError` when the template fails to parse or execute.
    func render(_ source: String, data: TemplateData) throws(TemplateRenderError) -> String
    /// Renders `source` with Go's `html/template` escaping (an email's HTML body).
    /// - Throws: `TemplateRenderError` when the template fails to parse or execute.
    func renderHTML(_ source: String, data: TemplateData) throws(TemplateRenderError) -> String
}

extension NotificationTemplateRenderer {
    /// A stand-in renderer's HTML rendering: its plain rendering.
    public func renderHTML(_ source: String, data: TemplateData) throws(TemplateRenderError) -> String {
        try render(source, data: data)
    }
}

/// A template failed to render.
public struct TemplateRenderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong (Go's message), without secrets.
    public var message: String
    /// Creates an error with a message.
    public init(message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

/// A templatable config string: unset (the integration's default template applies), a
/// literal, or a Go template source.
public enum TemplateString: Sendable, Hashable {
    /// Not configured: the integration's default template applies.
    case unset
    /// Configured text without `{{`: used as is.
    case literal(String)
    /// Configured text with `{{`: rendered by the template engine.
    case template(String)

    /// Classifies configured text.
    public init(_ text: String?) {
        guard let text else { self = .unset; return }
        self = text.contains("{{") ? .template(text) : .literal(text)
    }

    /// The template source, if any.
    public var source: String? { if case .template(let s) = self { s } else { nil } }

    /// The rendered text: the default template's, the literal, or the configured template's.
    /// - Parameter defaultSource: the integration's default for the field (a template source).
    /// - Parameter html: render as `ExecuteHTMLString` (values HTML-escaped).
    func render(
        _ data: TemplateData, renderer: any NotificationTemplateRenderer, default defaultSource: String,
        html: Bool = false
    ) throws(NotifyError) -> String {
        let source: String
        switch self {
        case .unset: source = defaultSource
        case .literal(let text): return text
        case .template(let text): source = text
        }
        do {
            return try html ? renderer.renderHTML(source, data: data) : renderer.render(source, data: data)
        } catch {
            throw NotifyError(kind: .template, message: "template: \(error.message)")
        }
    }
}
