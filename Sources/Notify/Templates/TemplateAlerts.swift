import Model
public import Rules

/// `template.Alerts` (with `Firing` and `Resolved`) or, as those methods return, a plain
/// `[]template.Alert` (no methods).
struct TemplateAlerts: TemplateObject {
    let alerts: [TemplateData.Alert]
    /// Whether this is the named `Alerts` type (`.Alerts`) rather than `[]Alert` (`.Alerts.Firing`).
    let named: Bool

    var goTypeName: String { named ? "template.Alerts" : "[]template.Alert" }
    var isTrue: Bool { !alerts.isEmpty }
    var count: Int? { alerts.count }
    var goString: String { "[" + alerts.map { TemplateAlert(alert: $0).goString }.joined(separator: " ") + "]" }

    func member(_ name: String, args: [TemplateValue]) throws(TemplateFunctionError) -> TemplateValue? {
        guard named else { return nil }
        switch name {
        case "Firing":
            try TemplateArgs.none(name, args)
            return TemplateAlerts(alerts: alerts.filter { $0.statusName == AlertStatus.firing.rawValue }, named: false).templateValue
        case "Resolved":
            try TemplateArgs.none(name, args)
            return TemplateAlerts(alerts: alerts.filter { $0.statusName == AlertStatus.resolved.rawValue }, named: false).templateValue
        default: return nil
        }
    }

    func elements() -> [(key: TemplateValue, element: TemplateValue)]? {
        alerts.enumerated().map { (.int($0.offset), TemplateAlert(alert: $0.element).templateValue) }
    }

    func index(_ key: TemplateValue) throws(TemplateFunctionError) -> TemplateValue {
        TemplateAlert(alert: alerts[try TemplateArgs.position(key, count: alerts.count)]).templateValue
    }

}

/// `template.Alert`: `Status`, `Labels`, `Annotations`, `StartsAt`, `EndsAt`, `GeneratorURL`, `Fingerprint`.
struct TemplateAlert: TemplateObject {
    let alert: TemplateData.Alert

    var goTypeName: String { "template.Alert" }
    var goString: String {
        let fields = [
            alert.statusName, TemplateKV(labels: alert.labels).goString, TemplateKV(labels: alert.annotations).goString,
            TemplateTime(alert.startsAt).goString, TemplateTime(alert.endsAt).goString, alert.generatorURL, alert.fingerprint,
        ]
        return "{" + fields.joined(separator: " ") + "}"
    }

    func member(_ name: String, args: [TemplateValue]) throws(TemplateFunctionError) -> TemplateValue? {
        let value: TemplateValue
        switch name {
        case "Status": value = .string(alert.statusName)
        case "Labels": value = TemplateKV(labels: alert.labels).templateValue
        case "Annotations": value = TemplateKV(labels: alert.annotations).templateValue
        case "StartsAt": value = TemplateTime(alert.startsAt).templateValue
        case "EndsAt": value = TemplateTime(alert.endsAt).templateValue
        case "GeneratorURL": value = .string(alert.generatorURL)
        case "Fingerprint": value = .string(alert.fingerprint)
        default: return nil
        }
        try TemplateArgs.field(name, args)
        return value
    }


}

/// `*template.Data`, the dot of every notification template.
struct TemplateDataObject: TemplateObject {
    let data: TemplateData
    /// Notifiers pass `*template.Data`; amtool's `template render` passes the struct itself,
    /// and the type shows in Go's errors (`can't evaluate field X in type template.Data`).
    var isPointer = true

    var goTypeName: String { isPointer ? "*template.Data" : "template.Data" }
    /// Templates print a top-level pointer's struct (`{…}`).
    var goString: String {
        let fields = [
            data.receiver, data.statusName, TemplateAlerts(alerts: data.alerts, named: true).goString,
            TemplateKV(labels: data.groupLabels).goString, TemplateKV(labels: data.commonLabels).goString,
            TemplateKV(labels: data.commonAnnotations).goString, data.externalURL,
        ]
        return "{" + fields.joined(separator: " ") + "}"
    }

    func member(_ name: String, args: [TemplateValue]) throws(TemplateFunctionError) -> TemplateValue? {
        let value: TemplateValue
        switch name {
        case "Receiver": value = .string(data.receiver)
        case "Status": value = .string(data.statusName)
        case "Alerts": value = TemplateAlerts(alerts: data.alerts, named: true).templateValue
        case "GroupLabels": value = TemplateKV(labels: data.groupLabels).templateValue
        case "CommonLabels": value = TemplateKV(labels: data.commonLabels).templateValue
        case "CommonAnnotations": value = TemplateKV(labels: data.commonAnnotations).templateValue
        case "ExternalURL": value = .string(data.externalURL)
        default: return nil
        }
        try TemplateArgs.field(name, args)
        return value
    }


}

extension TemplateData {
    /// The data as the template engine's dot value.
    public var templateValue: TemplateValue { TemplateDataObject(data: self).templateValue }
    /// The data as a `template.Data` value rather than a pointer, as `amtool template render` passes it.
    public var structTemplateValue: TemplateValue { TemplateDataObject(data: self, isPointer: false).templateValue }
}
