import ConfigYAML
import Model
import Rules

extension AlertmanagerFields {
    /// A secret given inline (as Alertmanager allows: users copy their files), with `${NAME}`
    /// references expanded (ConfigYAML's one expansion), or through `fileKey: /path`.
    ///
    /// A `*_file` is read only when the diagnostics carry a file reader (the daemon's load and
    /// reload); `binwatch check config` passes none and the file stays unopened, as amtool
    /// leaves it (Alertmanager reads it when it sends). Its contents are trimmed of surrounding
    /// whitespace, as Alertmanager trims them. An inline literal earns a warning that a file or
    /// variable is safer; neither the value nor a file's contents ever reach a message.
    /// - Returns: the secret (empty when its file is not read), or nil when neither key is
    ///   set (or on error).
    func secret(_ key: String, fileKey: String) -> Secret? {
        let inline = self[key], file = self[fileKey]
        if inline != nil, let file {
            file.fail(expected: "at most one of \(key) and \(fileKey)", found: "both")
            return nil
        }
        if let inline {
            // `string()` names a list or mapping but never quotes a scalar's text here.
            guard let raw = inline.string(expected: "a string") else { return nil }
            guard raw.contains("${") else {
                inline.warn("\(fileKey) or a ${ENV_VAR} reference (safer than a secret written inline)",
                            found: "a secret written inline")
                return Secret(raw)
            }
            guard let value = inline.expandedString(expected: "a secret") else { return nil }
            guard !value.isEmpty else {
                inline.fail(expected: "a non-empty value from the environment", found: "an empty value")
                return nil
            }
            return Secret(value)
        }
        guard let file else { return nil }
        guard let path = file.string(expected: "a file path") else { return nil }
        guard !path.isEmpty else {
            file.fail(expected: "a file path", found: "an empty string")
            return nil
        }
        guard let read = node.diagnostics.readFile else { return Secret("") }
        guard let contents = read(path) else {
            file.fail(expected: "a readable file", found: "\"\(path)\", which cannot be read")
            return nil
        }
        let trimmed = contents.trimmingWhitespace()
        guard !trimmed.isEmpty else {
            file.fail(expected: "a file holding the secret", found: "\"\(path)\", which is empty")
            return nil
        }
        return Secret(trimmed)
    }

    /// An `http://` or `https://` URL that is not a secret (PagerDuty's `url`).
    func plainURL(_ key: String) -> String? {
        guard let value = self[key], let text = value.string() else { return nil }
        guard text.hasPrefix("http://") || text.hasPrefix("https://") else {
            value.fail(expected: "an http:// or https:// URL")
            return nil
        }
        return text
    }

    /// A templatable string; a `{{ }}` template is parsed here (errors at its node).
    func template(_ key: String, _ context: ReceiverContext) -> TemplateString {
        let text = TemplateString(string(key))
        if let source = text.source, let value = self[key] { context.checkTemplate(source, at: value) }
        return text
    }
}

/// What the decoders below `receivers:` need besides their node. One per decode, never
/// shared across tasks (like the diagnostics it reports to).
final class ReceiverContext {
    /// The `global:` defaults the integrations inherit.
    let global: GlobalConfig
    /// `default.tmpl` plus the `templates:` files, which field templates are checked against;
    /// each field template is compiled into it, so the config's set renders them without
    /// parsing again.
    private(set) var templates: NotificationTemplates

    init(global: GlobalConfig, templates: NotificationTemplates) {
        self.global = global
        self.templates = templates
    }

    /// Parses a field template now, so a bad one is a config error at its YAML node rather
    /// than a failed notification later.
    func checkTemplate(_ source: String, at node: ConfigNode) {
        do {
            try templates.compile(source)
        } catch {
            node.fail(expected: "a valid template", found: error.message)
        }
    }
}

extension String {
    /// Without leading and trailing whitespace and newlines (no Foundation for one call).
    fileprivate func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let first = s.first, first.isWhitespace { s.removeFirst() }
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }
}
