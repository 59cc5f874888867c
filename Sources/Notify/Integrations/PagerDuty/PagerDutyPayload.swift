import Model

/// Builds Alertmanager 0.25's PagerDuty Events API v2 body (`notify/pagerduty/pagerduty.go`).
enum PagerDutyPayload {
    /// PagerDuty's summary limit, in runes.
    static let maxSummaryRunes = 1024
    /// PagerDuty's event size limit, in bytes.
    static let maxEventBytes = 512_000

    static func body(
        _ config: PagerDutyConfig, routingKey: String, group: GroupKey, data: TemplateData,
        renderer: any NotificationTemplateRenderer
    ) throws(NotifyError) -> String {
        typealias Default = DefaultTemplates.PagerDuty
        func render(_ t: TemplateString, _ def: String = "") throws(NotifyError) -> String {
            try t.render(data, renderer: renderer, default: def)
        }
        // 0.25's `details`: the defaults' four keys, the configured ones merged over them; all strings.
        var details: [String: String] = [:]
        for (key, source) in Default.details where config.details[key] == nil {
            details[key] = try render(.unset, source)
        }
        for (key, value) in config.details { details[key] = try render(value) }

        let client = try render(config.client, Default.client)
        let (summary, _) = truncateInRunes(try render(config.description, Default.description), maxSummaryRunes)
        // An unset `source` takes `client`'s template (`PagerdutyConfig.UnmarshalYAML`).
        let source = config.source == .unset ? client : try render(config.source)
        let severity = try render(config.severity, "error")
        let eventClass = try render(config.eventClass)
        let component = try render(config.component)
        let groupName = try render(config.group)
        let clientURL = try render(config.clientURL, Default.clientURL)

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
