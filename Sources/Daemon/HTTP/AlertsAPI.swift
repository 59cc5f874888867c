import Model
import Rules

/// `/api/v1/alerts` as Prometheus answers it.
enum AlertsAPI {
    static func alertJSON(_ alert: Alert) -> String {
        var out = "{\"labels\":\(APIJSON.labels(alert.labels)),\"annotations\":\(APIJSON.labels(alert.annotations)),"
        out += "\"state\":\(APIJSON.quote(alert.state.rawValue)),\"activeAt\":\(APIJSON.time(alert.activeAt)),"
        if let since = alert.keepFiringSince { out += "\"keepFiringSince\":\(APIJSON.time(since)),"}
        return out + "\"value\":\(APIJSON.quote(APIJSON.goExponent(alert.value)))}"
    }

    static func body(_ alerts: [Alert]) -> String {
        APIJSON.success("{\"alerts\":[" + alerts.map(alertJSON).joined(separator: ",") + "]}")
    }
}
