/// Builds the webhook body, version "4" (`notify/webhook/webhook.go`).
enum WebhookPayload {
    /// The body for `alerts`: `max_alerts` keeps the first N alerts before the template
    /// data is built, so common labels are computed over the kept ones (webhook and NATS).
    static func body(_ alerts: [Alert], group: GroupKey, maxAlerts: Int, context: IntegrationContext) -> String {
        let kept = maxAlerts > 0 ? Array(alerts.prefix(maxAlerts)) : alerts
        return body(data: context.data(kept, group: group), groupKey: group, truncatedAlerts: alerts.count - kept.count)
    }

    static func body(data: TemplateData, groupKey: GroupKey, truncatedAlerts: Int) -> String {
        var message = JSONWriter.Object()
        message.add("receiver", data.receiver)
        message.add("status", data.status.rawValue)
        message.add("alerts", .array(data.alerts.map(alertJSON)))
        message.add("groupLabels", labels(data.groupLabels))
        message.add("commonLabels", labels(data.commonLabels))
        message.add("commonAnnotations", labels(data.commonAnnotations))
        message.add("externalURL", data.externalURL)
        message.add("version", "4")
        message.add("groupKey", groupKey.description)
        message.add("truncatedAlerts", .int(truncatedAlerts))
        return JSONWriter.encode(.object(message)) + "\n"
    }

    static func alertJSON(_ alert: TemplateData.Alert) -> JSONValue {
        var object = JSONWriter.Object()
        object.add("status", alert.status.rawValue)
        object.add("labels", labels(alert.labels))
        object.add("annotations", labels(alert.annotations))
        object.add("startsAt", RFC3339.nano(alert.startsAt))
        object.add("endsAt", alert.endsAt.map(RFC3339.nano) ?? RFC3339.zeroTime)
        object.add("generatorURL", alert.generatorURL)
        object.add("fingerprint", alert.fingerprint)
        return .object(object)
    }

    static func labels(_ labels: some Sequence<Model.Label>) -> JSONValue {
        .stringMap(labels.map { ($0.name, $0.value) })
    }
}

import Model
