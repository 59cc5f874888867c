import ConfigYAML
import Rules

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
