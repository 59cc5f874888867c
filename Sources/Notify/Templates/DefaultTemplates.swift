import Model

/// Alertmanager 0.25's `template/default.tmpl`, rendered natively so the default payloads
/// are byte-identical without a template engine. Each function names the template it
/// replaces; the Go source is quoted beside it.
public enum DefaultTemplates {
    /// `__subject`:
    /// `[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}]
    /// {{ .GroupLabels.SortedPairs.Values | join " " }} {{ if gt (len .CommonLabels) (len .GroupLabels) }}(…){{ end }}`
    public static func subject(_ data: TemplateData) -> String {
        var out = "[" + data.status.rawValue.uppercased()
        if data.status == .firing { out += ":\(data.firing.count)" }
        out += "] " + data.groupLabels.templateValues.joined(separator: " ") + " "
        if data.commonLabels.count > data.groupLabels.count {
            let rest = data.commonLabels.removing(Set(data.groupLabels.map(\.name)))
            out += "(" + rest.templateValues.joined(separator: " ") + ")"
        }
        return out
    }

    /// `__alertmanagerURL`: `{{ .ExternalURL }}/#/alerts?receiver={{ .Receiver | urlquery }}`.
    public static func alertmanagerURL(_ data: TemplateData) -> String {
        data.externalURL + "/#/alerts?receiver=" + GoString.queryEscape(data.receiver)
    }

    /// `__text_alert_list`: per alert `Labels:` / ` - k = v` lines, `Annotations:` and `Source:`.
    public static func textAlertList(_ alerts: [TemplateData.Alert]) -> String {
        var out = ""
        for alert in alerts {
            out += "Labels:\n"
            for pair in alert.labels.templateSortedPairs { out += " - \(pair.name) = \(pair.value)\n" }
            out += "Annotations:\n"
            for pair in alert.annotations.templateSortedPairs { out += " - \(pair.name) = \(pair.value)\n" }
            out += "Source: \(alert.generatorURL)\n"
        }
        return out
    }

    /// `slack.default.fallback`: `{{ template "slack.default.title" . }} | {{ template "slack.default.titlelink" . }}`.
    public static func slackFallback(_ data: TemplateData) -> String {
        subject(data) + " | " + alertmanagerURL(data)
    }

    /// Slack's default `color`: `danger` while anything fires, else `good`.
    public static func slackColor(_ data: TemplateData) -> String {
        data.status == .firing ? "danger" : "good"
    }
}

/// Renders a Go-template source against notification data. The daemon supplies one backed
/// by the Rules module's template engine; Notify only declares the seam (siblings never
/// import each other).
public protocol NotificationTemplateRenderer: Sendable {
    /// Renders `source` (Go `text/template` syntax) with `data` as dot.
    /// - Throws: `TemplateRenderError` when the template fails to parse or execute.
    func render(_ source: String, data: TemplateData) throws(TemplateRenderError) -> String
}

/// A custom template failed to render.
public struct TemplateRenderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, without secrets.
    public var message: String
    /// Creates an error with a message.
    public init(message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

/// A templatable config string: unset (use the default template), a literal, or a Go
/// template source that needs a `NotificationTemplateRenderer`.
public enum TemplateString: Sendable, Hashable {
    /// Not configured: the integration's default template applies.
    case unset
    /// Configured text without `{{`: used as is.
    case literal(String)
    /// Configured text with `{{`: rendered by the renderer.
    case template(String)

    /// Classifies configured text.
    public init(_ text: String?) {
        guard let text else { self = .unset; return }
        self = text.contains("{{") ? .template(text) : .literal(text)
    }

    /// Whether rendering needs a `NotificationTemplateRenderer`.
    public var needsRenderer: Bool { if case .template = self { true } else { false } }

    /// The rendered text: the default, the literal, or the renderer's output.
    func render(
        _ data: TemplateData, renderer: (any NotificationTemplateRenderer)?, default makeDefault: (TemplateData) -> String
    ) throws(NotifyError) -> String {
        switch self {
        case .unset: return makeDefault(data)
        case .literal(let text): return text
        case .template(let source):
            guard let renderer else {
                throw NotifyError(kind: .template, message: "custom template configured but no template renderer given")
            }
            do {
                return try renderer.render(source, data: data)
            } catch {
                throw NotifyError(kind: .template, message: "template: \(error.message)")
            }
        }
    }
}
