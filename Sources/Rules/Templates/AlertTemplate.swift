/// Expands alert label and annotation templates exactly as Prometheus's rule manager does:
/// template name `__alert_<alertname>`, the `$labels`/`$externalLabels`/`$externalURL`/`$value`
/// prelude on the same line (so line numbers match the user's text), and failures turned
/// into `<error expanding template: …>` rather than failing the rule.
public enum AlertTemplate {
    /// The variable definitions Prometheus prepends to every label and annotation value.
    public static let prelude =
        "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}"

    /// The template name Go reports in errors for an alert's templates.
    public static func templateName(alert: String) -> String { "__alert_" + alert }

    /// Parses `text` with the prelude, as `promtool check rules` does.
    /// - Throws: the Go parse error, e.g. `template: __alert_X:1: undefined variable "$label"`.
    public static func parse(_ text: String, alert: String) throws(TemplateError) -> Template {
        try Template(name: templateName(alert: alert), text: prelude + text)
    }

    /// Expands `text` for one alert; never throws: errors become the value
    /// `<error expanding template: …>` as in `rules/alerting.go`.
    public static func expand(
        _ text: String, alert: String, data: AlertTemplateData, query: TemplateQuery? = nil
    ) -> String {
        let name = templateName(alert: alert)
        do {
            let template = try Template(name: name, text: prelude + text)
            do {
                return try template.execute(data: .alertData(data), query: query, externalURL: data.externalURL)
            } catch {
                return "<error expanding template: error executing template \(name): \(error.message)>"
            }
        } catch {
            return "<error expanding template: error parsing template \(name): \(error.message)>"
        }
    }
}
