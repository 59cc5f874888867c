/// The default definitions of the OpsGenie, VictorOps, Pushover, Telegram and Microsoft
/// Teams notifiers: Alertmanager 0.25's `default.tmpl` for the first four, 0.26's for
/// `msteams.*` and `__text_alert_list_markdown` (Teams arrived in 0.26). Kept apart from
/// `DefaultTemplates.source` so each notifier's definitions sit beside its field defaults;
/// parsed as part of the same `default.tmpl`, so a user's `templates:` file may redefine
/// any of them by name, as in Alertmanager.
extension DefaultTemplates {
    /// The definitions, whitespace included (it reaches the payloads).
    static let receiverSource = #"""

        {{ define "opsgenie.default.message" }}{{ template "__subject" . }}{{ end }}
        {{ define "opsgenie.default.description" }}{{ .CommonAnnotations.SortedPairs.Values | join " " }}
        {{ if gt (len .Alerts.Firing) 0 -}}
        Alerts Firing:
        {{ template "__text_alert_list" .Alerts.Firing }}
        {{- end }}
        {{ if gt (len .Alerts.Resolved) 0 -}}
        Alerts Resolved:
        {{ template "__text_alert_list" .Alerts.Resolved }}
        {{- end }}
        {{- end }}
        {{ define "opsgenie.default.source" }}{{ template "__alertmanagerURL" . }}{{ end }}
        {{ define "victorops.default.state_message" }}{{ .CommonAnnotations.SortedPairs.Values | join " " }}
        {{ if gt (len .Alerts.Firing) 0 -}}
        Alerts Firing:
        {{ template "__text_alert_list" .Alerts.Firing }}
        {{- end }}
        {{ if gt (len .Alerts.Resolved) 0 -}}
        Alerts Resolved:
        {{ template "__text_alert_list" .Alerts.Resolved }}
        {{- end }}
        {{- end }}
        {{ define "victorops.default.entity_display_name" }}{{ template "__subject" . }}{{ end }}
        {{ define "victorops.default.monitoring_tool" }}{{ template "__alertmanager" . }}{{ end }}
        {{ define "pushover.default.title" }}{{ template "__subject" . }}{{ end }}
        {{ define "pushover.default.message" }}{{ .CommonAnnotations.SortedPairs.Values | join " " }}
        {{ if gt (len .Alerts.Firing) 0 }}
        Alerts Firing:
        {{ template "__text_alert_list" .Alerts.Firing }}
        {{ end }}
        {{ if gt (len .Alerts.Resolved) 0 }}
        Alerts Resolved:
        {{ template "__text_alert_list" .Alerts.Resolved }}
        {{ end }}
        {{ end }}
        {{ define "pushover.default.url" }}{{ template "__alertmanagerURL" . }}{{ end }}
        {{ define "telegram.default.message" }}
        {{ if gt (len .Alerts.Firing) 0 }}
        Alerts Firing:
        {{ template "__text_alert_list" .Alerts.Firing }}
        {{ end }}
        {{ if gt (len .Alerts.Resolved) 0 }}
        Alerts Resolved:
        {{ template "__text_alert_list" .Alerts.Resolved }}
        {{ end }}
        {{ end }}

        {{ define "__text_alert_list_markdown" }}{{ range . }}
        Labels:
        {{ range .Labels.SortedPairs }}  - {{ .Name }} = {{ .Value }}
        {{ end }}
        Annotations:
        {{ range .Annotations.SortedPairs }}  - {{ .Name }} = {{ .Value }}
        {{ end }}
        Source: {{ .GeneratorURL }}
        {{ end }}
        {{ end }}
        {{ define "msteams.default.title" }}{{ template "__subject" . }}{{ end }}
        {{ define "msteams.default.text" }}
        {{ if gt (len .Alerts.Firing) 0 }}
        # Alerts Firing:
        {{ template "__text_alert_list_markdown" .Alerts.Firing }}
        {{ end }}
        {{ if gt (len .Alerts.Resolved) 0 }}
        # Alerts Resolved:
        {{ template "__text_alert_list_markdown" .Alerts.Resolved }}
        {{ end }}
        {{ end }}

        """#

    /// OpsGenie's field defaults (`DefaultOpsGenieConfig`).
    enum OpsGenie {
        static let message = #"{{ template "opsgenie.default.message" . }}"#
        static let description = #"{{ template "opsgenie.default.description" . }}"#
        static let source = #"{{ template "opsgenie.default.source" . }}"#
    }

    /// VictorOps's field defaults (`DefaultVictorOpsConfig`).
    enum VictorOps {
        static let messageType = "CRITICAL"
        static let stateMessage = #"{{ template "victorops.default.state_message" . }}"#
        static let entityDisplayName = #"{{ template "victorops.default.entity_display_name" . }}"#
        static let monitoringTool = #"{{ template "victorops.default.monitoring_tool" . }}"#
    }

    /// Pushover's field defaults (`DefaultPushoverConfig`): priority 2 (emergency) while
    /// firing, 0 (normal) once resolved.
    enum Pushover {
        static let title = #"{{ template "pushover.default.title" . }}"#
        static let message = #"{{ template "pushover.default.message" . }}"#
        static let url = #"{{ template "pushover.default.url" . }}"#
        static let priority = #"{{ if eq .Status "firing" }}2{{ else }}0{{ end }}"#
    }

    /// Telegram's field default (`DefaultTelegramConfig`).
    enum Telegram {
        static let message = #"{{ template "telegram.default.message" . }}"#
    }

    /// Microsoft Teams's field defaults (0.26's `DefaultMSTeamsConfig`).
    enum MSTeams {
        static let title = #"{{ template "msteams.default.title" . }}"#
        static let text = #"{{ template "msteams.default.text" . }}"#
    }

    /// The default field templates of these notifiers, precompiled with the definitions.
    static var receiverFieldSources: [String] {
        [
            OpsGenie.message, OpsGenie.description, OpsGenie.source, VictorOps.stateMessage,
            VictorOps.entityDisplayName, VictorOps.monitoringTool, Pushover.title, Pushover.message, Pushover.url,
            Pushover.priority, Telegram.message, MSTeams.title, MSTeams.text,
        ]
    }
}
