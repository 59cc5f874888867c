/// The default definitions the Slack and PagerDuty notifiers use and each notifier's
/// default field templates, written from the reference's description of Alertmanager
/// 0.25's defaults (../shared/reference/notifications-spec.md §1–2: `__subject`, the alert
/// list of `custom_details`, the title link). The definition names are Alertmanager's,
/// because they are an interface: a user's `templates:` file redefines them by name
/// (`{{ define "__subject" }}…`). Rendered through the Go-template engine like a user's
/// own templates, so the default payloads follow from the same rules as custom ones.
public enum DefaultTemplates {
    /// The name Go reports in errors for these definitions.
    public static let fileName = "default.tmpl"

    /// The shared and Slack/PagerDuty definitions (whitespace included: it reaches the payloads).
    public static let source = #"""
        {{ define "__alertmanager" }}Alertmanager{{ end }}
        {{ define "__alertmanagerURL" }}{{ .ExternalURL }}/#/alerts?receiver={{ .Receiver | urlquery }}{{ end }}

        {{ define "__subject" }}[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .GroupLabels.SortedPairs.Values | join " " }} {{ if gt (len .CommonLabels) (len .GroupLabels) }}({{ with .CommonLabels.Remove .GroupLabels.Names }}{{ .Values | join " " }}{{ end }}){{ end }}{{ end }}
        {{ define "__description" }}{{ end }}

        {{ define "__text_alert_list" }}{{ range . }}Labels:
        {{ range .Labels.SortedPairs }} - {{ .Name }} = {{ .Value }}
        {{ end }}Annotations:
        {{ range .Annotations.SortedPairs }} - {{ .Name }} = {{ .Value }}
        {{ end }}Source: {{ .GeneratorURL }}
        {{ end }}{{ end }}


        {{ define "slack.default.title" }}{{ template "__subject" . }}{{ end }}
        {{ define "slack.default.username" }}{{ template "__alertmanager" . }}{{ end }}
        {{ define "slack.default.fallback" }}{{ template "slack.default.title" . }} | {{ template "slack.default.titlelink" . }}{{ end }}
        {{ define "slack.default.callbackid" }}{{ end }}
        {{ define "slack.default.pretext" }}{{ end }}
        {{ define "slack.default.titlelink" }}{{ template "__alertmanagerURL" . }}{{ end }}
        {{ define "slack.default.iconemoji" }}{{ end }}
        {{ define "slack.default.iconurl" }}{{ end }}
        {{ define "slack.default.text" }}{{ end }}
        {{ define "slack.default.footer" }}{{ end }}


        {{ define "pagerduty.default.description" }}{{ template "__subject" . }}{{ end }}
        {{ define "pagerduty.default.client" }}{{ template "__alertmanager" . }}{{ end }}
        {{ define "pagerduty.default.clientURL" }}{{ template "__alertmanagerURL" . }}{{ end }}
        {{ define "pagerduty.default.instances" }}{{ template "__text_alert_list" . }}{{ end }}

        """#

    /// Slack's field defaults (`DefaultSlackConfig`).
    enum Slack {
        static let color = #"{{ if eq .Status "firing" }}danger{{ else }}good{{ end }}"#
        static let username = #"{{ template "slack.default.username" . }}"#
        static let title = #"{{ template "slack.default.title" . }}"#
        static let titleLink = #"{{ template "slack.default.titlelink" . }}"#
        static let iconEmoji = #"{{ template "slack.default.iconemoji" . }}"#
        static let iconURL = #"{{ template "slack.default.iconurl" . }}"#
        static let pretext = #"{{ template "slack.default.pretext" . }}"#
        static let text = #"{{ template "slack.default.text" . }}"#
        static let fallback = #"{{ template "slack.default.fallback" . }}"#
        static let callbackID = #"{{ template "slack.default.callbackid" . }}"#
        static let footer = #"{{ template "slack.default.footer" . }}"#
    }

    /// PagerDuty's field defaults (`DefaultPagerdutyConfig`, `DefaultPagerdutyDetails`).
    enum PagerDuty {
        static let description = #"{{ template "pagerduty.default.description" .}}"#
        static let client = #"{{ template "pagerduty.default.client" . }}"#
        static let clientURL = #"{{ template "pagerduty.default.clientURL" . }}"#
        static let details: [String: String] = [
            "firing": #"{{ template "pagerduty.default.instances" .Alerts.Firing }}"#,
            "resolved": #"{{ template "pagerduty.default.instances" .Alerts.Resolved }}"#,
            "num_firing": "{{ .Alerts.Firing | len }}",
            "num_resolved": "{{ .Alerts.Resolved | len }}",
        ]
    }

    /// Every default field template, precompiled with the default definitions.
    static var fieldSources: [String] {
        [
            Slack.color, Slack.username, Slack.title, Slack.titleLink, Slack.iconEmoji, Slack.iconURL, Slack.pretext,
            Slack.text, Slack.fallback, Slack.callbackID, Slack.footer, PagerDuty.description, PagerDuty.client,
            PagerDuty.clientURL,
        ] + PagerDuty.details.values.sorted()
    }
}
