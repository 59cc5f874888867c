import Model

/// Builds Alertmanager 0.25's PagerDuty Events API v2 body (`notify/pagerduty/pagerduty.go`).
enum PagerDutyPayload {
    /// PagerDuty's summary limit, in runes.
    static let maxSummaryRunes = 1024
    /// PagerDuty's event size limit, in bytes.
    static let maxEventBytes = 512_000

    static func body(
        _ config: PagerDutyConfig, routingKey: String, group: GroupKey, data: TemplateData,
        renderer: (any NotificationTemplateRenderer)?
    ) throws(NotifyError) -> String {
        func render(_ t: TemplateString, _ def: (TemplateData) -> String = { _ in "" }) throws(NotifyError) -> String {
            try t.render(data, renderer: renderer, default: def)
        }
        // Default `details` of 0.25: all four values are strings.
        var details: [String: String] = [
            "firing": DefaultTemplates.textAlertList(data.firing),
            "resolved": DefaultTemplates.textAlertList(data.resolved),
            "num_firing": String(data.firing.count),
            "num_resolved": String(data.resolved.count),
        ]
        for (key, value) in config.details { details[key] = try render(value) }

        let client = try render(config.client) { _ in "Alertmanager" }
        let (summary, _) = truncateInRunes(try render(config.description, DefaultTemplates.subject), maxSummaryRunes)
        var source = try render(config.source)
        if source.isEmpty { source = client }
        let severity = try render(config.severity) { _ in "error" }
        let eventClass = try render(config.eventClass)
        let component = try render(config.component)
        let groupName = try render(config.group)
        let clientURL = try render(config.clientURL, DefaultTemplates.alertmanagerURL)

        func encode(_ details: [String: String]) -> String {
            var payload = JSONWriter.Object()
            payload.add("summary", summary)
            payload.add("source", source)
            payload.add("severity", severity)
            payload.addIfNotEmpty("class", eventClass)
            payload.addIfNotEmpty("component", component)
            payload.addIfNotEmpty("group", groupName)
            if !details.isEmpty { payload.add("custom_details", .stringMap(details.map { ($0.key, $0.value) })) }

            var message = JSONWriter.Object()
            message.add("routing_key", routingKey)
            message.add("dedup_key", group.hash)
            message.add("event_action", data.status == .resolved ? "resolve" : "trigger")
            message.add("payload", .object(payload))
            message.addIfNotEmpty("client", client)
            message.addIfNotEmpty("client_url", clientURL)
            return JSONWriter.encode(.object(message)) + "\n"
        }
        let full = encode(details)
        if full.utf8.count <= maxEventBytes { return full }
        return encode([
            "error": "Custom details have been removed because the original event exceeds the maximum size of 512KB"
        ])
    }
}
