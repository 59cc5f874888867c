import Model

/// The `POST /api/v2/alerts` body Prometheus sends (`notifier/util.go`): an array of
/// `{labels, annotations, startsAt, endsAt, generatorURL}`, times with milliseconds.
enum AlertmanagerPayload {
    static func body(_ alerts: [Alert]) -> String {
        let items: [JSONValue] = alerts.map { alert in
            var object = JSONWriter.Object()
            object.add("labels", .stringMap(alert.labels.map { ($0.name, $0.value) }))
            object.add("annotations", .stringMap(alert.annotations.map { ($0.name, $0.value) }))
            object.add("startsAt", RFC3339.millis(alert.startsAt))
            if let endsAt = alert.endsAt { object.add("endsAt", RFC3339.millis(endsAt)) }
            if !alert.generatorURL.isEmpty { object.add("generatorURL", alert.generatorURL) }
            return .object(object)
        }
        return JSONWriter.encode(.array(items))
    }
}
