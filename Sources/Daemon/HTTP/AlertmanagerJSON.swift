import Model
import Notify

/// The Alertmanager API v2's JSON models (`api/v2/models` of Alertmanager 0.25), written as
/// go-swagger writes them: every required field present, empty lists as `[]`, times as
/// go-openapi `strfmt.DateTime` (UTC, milliseconds).
enum AlertmanagerJSON {
    static func time(_ timestamp: Timestamp) -> String { APIJSON.quote(RFC3339.millis(timestamp)) }

    static func strings(_ values: [String]) -> String { "[" + values.map(APIJSON.quote).joined(separator: ",") + "]" }

    static func receiver(_ name: String) -> String { "{\"name\":\(APIJSON.quote(name))}" }

    /// An error payload of a handler (`BadRequest`, `InternalServerError`): a JSON string.
    static func message(_ text: String) -> String { APIJSON.quote(text) }

    /// go-openapi's own errors (request binding and schema validation): `{"code","message"}`.
    static func openAPIError(code: Int, _ message: String) -> String {
        "{\"code\":\(code),\"message\":\(APIJSON.quote(message))}"
    }

    /// `gettableAlert`: the alert, its status at the request and the receivers it routes to.
    static func alert(_ received: ReceivedAlert, status: APIAlertStatus, receivers: [String]) -> String {
        let alert = received.alert
        var out = "{\"annotations\":\(APIJSON.labels(alert.annotations)),"
        // A received alert always has an end (the rule engine sets its validity horizon).
        out += "\"endsAt\":\(time(alert.endsAt ?? received.updatedAt)),"
        out += "\"fingerprint\":\(APIJSON.quote(alert.labels.fingerprintHex)),"
        out += "\"receivers\":[\(receivers.map(receiver).joined(separator: ","))],"
        out += "\"startsAt\":\(time(alert.startsAt)),"
        out += "\"status\":{\"inhibitedBy\":\(strings(status.inhibitedBy)),\"silencedBy\":\(strings(status.silencedBy)),"
        out += "\"state\":\(APIJSON.quote(status.state))},"
        out += "\"updatedAt\":\(time(received.updatedAt)),"
        if !alert.generatorURL.isEmpty { out += "\"generatorURL\":\(APIJSON.quote(alert.generatorURL)),"}
        return out + "\"labels\":\(APIJSON.labels(alert.labels))}"
    }

    /// `gettableSilence` with its state at `now`.
    static func silence(_ silence: Silence, at now: Timestamp) -> String {
        let matchers = silence.matchers.map { matcher -> String in
            let kind = Matcher.Kind(rawValue: matcher.op) ?? .equal
            let isEqual = kind == .equal || kind == .regexMatch
            let isRegex = kind == .regexMatch || kind == .regexNoMatch
            return "{\"isEqual\":\(isEqual),\"isRegex\":\(isRegex),\"name\":\(APIJSON.quote(matcher.name)),"
                + "\"value\":\(APIJSON.quote(matcher.value))}"
        }
        return "{\"id\":\(APIJSON.quote(silence.id)),\"status\":{\"state\":\(APIJSON.quote(silence.state(at: now).rawValue))},"
            + "\"updatedAt\":\(time(silence.updatedAt)),\"comment\":\(APIJSON.quote(silence.comment)),"
            + "\"createdBy\":\(APIJSON.quote(silence.createdBy)),\"endsAt\":\(time(silence.endsAt)),"
            + "\"matchers\":[\(matchers.joined(separator: ","))],\"startsAt\":\(time(silence.startsAt))}"
    }
}

/// An alert's status at a request, as Alertmanager's marker holds it once the API asked
/// the silencer and the inhibitor (`active` or `suppressed`; never `unprocessed` then).
struct APIAlertStatus: Sendable, Equatable {
    /// Ids of the active silences that match the alert, sorted.
    var silencedBy: [String]
    /// Fingerprint of the alert that inhibits it (Alertmanager records the first one).
    var inhibitedBy: [String]

    var state: String { silencedBy.isEmpty && inhibitedBy.isEmpty ? "active" : "suppressed" }
}
