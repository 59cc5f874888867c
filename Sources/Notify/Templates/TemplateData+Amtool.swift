public import Foundation
public import Model

extension TemplateData {
    /// Builds the data field by field, as a `template.Data` literal or JSON file gives it:
    /// the receiver is taken as written and statuses may be any string.
    public init(
        receiver: String, status: String, alerts: [Alert], groupLabels: Labels, commonLabels: Labels,
        commonAnnotations: Labels, externalURL: String
    ) {
        self.receiver = receiver
        (self.status, otherStatus) = Self.status(status)
        self.alerts = alerts
        self.groupLabels = groupLabels
        self.commonLabels = commonLabels
        self.commonAnnotations = commonAnnotations
        self.externalURL = externalURL
    }

    /// amtool 0.25's `defaultData` (cli/template_render.go), rendered when no
    /// `--template.data` is given: two alerts with status `alertstatus`, started 5 and 10
    /// minutes before `now` and ending at `now`.
    public static func amtoolDefault(now: Timestamp) -> TemplateData {
        let alerts = [
            Alert(status: .firing, labels: Labels([
                "label1": "value1", "label2": "value2", "instance": "foo.bar:1234",
                "commonlabelkey1": "commonlabelvalue1", "commonlabelkey2": "commonlabelvalue2",
            ]), annotations: Labels([
                "annotation1": "value1", "annotation2": "value2",
                "commonannotationkey1": "commonannotationvalue1", "commonannotationkey2": "commonannotationvalue2",
            ]), startsAt: now - PromDuration(seconds: 300), endsAt: now, generatorURL: "https://generatorurl.com",
            fingerprint: "fingerprint1", otherStatus: "alertstatus"),
            Alert(status: .firing, labels: Labels([
                "foo": "bar", "baz": "qux", "commonlabelkey1": "commonlabelvalue1", "commonlabelkey2": "commonlabelvalue2",
            ]), annotations: Labels([
                "aaa": "bbb", "ccc": "ddd",
                "commonannotationkey1": "commonannotationvalue1", "commonannotationkey2": "commonannotationvalue2",
            ]), startsAt: now - PromDuration(seconds: 600), endsAt: now, generatorURL: "https://generatorurl.com",
            fingerprint: "fingerprint2", otherStatus: "alertstatus"),
        ]
        return TemplateData(
            receiver: "receiver", status: "alertstatus", alerts: alerts,
            groupLabels: Labels(["grouplabelkey1": "grouplabelvalue1", "grouplabelkey2": "grouplabelvalue2"]),
            commonLabels: Labels(["commonlabelkey1": "commonlabelvalue1", "commonlabelkey2": "commonlabelvalue2"]),
            commonAnnotations: Labels([
                "commonannotationkey1": "commonannotationvalue1", "commonannotationkey2": "commonannotationvalue2",
            ]),
            externalURL: "https://example.com")
    }

    /// A `template.Data` JSON document (amtool's `--template.data`), decoded as Go's
    /// `encoding/json` does: keys match case-insensitively, unknown keys are ignored and
    /// missing ones are empty (times: Go's zero time).
    /// - Throws: `TemplateDataError` naming the path and what was expected.
    public static func decodeJSON(_ json: Data) throws(TemplateDataError) -> TemplateData {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: json, options: [.fragmentsAllowed])
        } catch {
            throw TemplateDataError(message: "not valid JSON: \(error.localizedDescription)")
        }
        let fields = try JSONFields(root, path: "data")
        var alerts: [Alert] = []
        if let list = fields["alerts"], !(list is NSNull) {
            guard let list = list as? [Any] else { throw TemplateDataError(message: "data.alerts: expected an array") }
            for (index, element) in list.enumerated() {
                let alert = try JSONFields(element, path: "data.alerts[\(index)]")
                let (status, other) = Self.status(try alert.string("status"))
                alerts.append(Alert(
                    status: status, labels: try alert.kv("labels"), annotations: try alert.kv("annotations"),
                    startsAt: try alert.time("startsAt") ?? GoTime.zero, endsAt: try alert.time("endsAt"),
                    generatorURL: try alert.string("generatorURL"), fingerprint: try alert.string("fingerprint"),
                    otherStatus: other))
            }
        }
        return TemplateData(
            receiver: try fields.string("receiver"), status: try fields.string("status"), alerts: alerts,
            groupLabels: try fields.kv("groupLabels"), commonLabels: try fields.kv("commonLabels"),
            commonAnnotations: try fields.kv("commonAnnotations"), externalURL: try fields.string("externalURL"))
    }

    private static func status(_ text: String) -> (AlertStatus, String?) {
        if let known = AlertStatus(rawValue: text) { return (known, nil) }
        return (.firing, text)
    }
}

/// A `--template.data` document that is not `template.Data`.
public struct TemplateDataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, with the JSON path.
    public var message: String
    /// The message.
    public var description: String { message }
}

/// One JSON object's members, looked up case-insensitively as `encoding/json` matches struct fields.
private struct JSONFields {
    let members: [String: Any]
    let path: String

    init(_ value: Any, path: String) throws(TemplateDataError) {
        guard let object = value as? [String: Any] else { throw TemplateDataError(message: "\(path): expected an object") }
        var members: [String: Any] = [:]
        for (key, value) in object { members[key.lowercased()] = value }
        (self.members, self.path) = (members, path)
    }

    subscript(key: String) -> Any? { members[key.lowercased()] }

    func string(_ key: String) throws(TemplateDataError) -> String {
        guard let value = self[key], !(value is NSNull) else { return "" }
        guard let text = value as? String else { throw TemplateDataError(message: "\(path).\(key): expected a string") }
        return text
    }

    func kv(_ key: String) throws(TemplateDataError) -> Labels {
        guard let value = self[key], !(value is NSNull) else { return Labels() }
        guard let object = value as? [String: Any] else {
            throw TemplateDataError(message: "\(path).\(key): expected an object of strings")
        }
        var pairs: [String: String] = [:]
        for (name, element) in object {
            guard let text = element as? String else {
                throw TemplateDataError(message: "\(path).\(key).\(name): expected a string")
            }
            pairs[name] = text
        }
        return Labels(pairs)
    }

    func time(_ key: String) throws(TemplateDataError) -> Timestamp? {
        let text = try string(key)
        if text.isEmpty { return nil }
        guard let time = GoTime.parseRFC3339(text) else {
            throw TemplateDataError(message: "\(path).\(key): expected an RFC 3339 time such as 2024-05-01T12:00:00Z, found \"\(text)\"")
        }
        return time
    }
}

/// `time.Time` as JSON carries it, down to binwatch's millisecond `Timestamp`.
enum GoTime {
    /// Go's zero time, 0001-01-01T00:00:00Z.
    static let zero = Timestamp(milliseconds: -62_135_596_800_000)

    /// RFC 3339 with optional fractional seconds and a `Z` or `±hh:mm` offset, in UTC.
    static func parseRFC3339(_ text: String) -> Timestamp? {
        let pattern = #"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$"#
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
        else { return nil }
        func group(_ i: Int) -> String? {
            guard let range = Range(match.range(at: i), in: text) else { return nil }
            return String(text[range])
        }
        guard let year = group(1).flatMap(Int64.init), let month = group(2).flatMap(Int64.init),
              let day = group(3).flatMap(Int64.init), let hour = group(4).flatMap(Int64.init),
              let minute = group(5).flatMap(Int64.init), let second = group(6).flatMap(Int64.init),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        var millis: Int64 = 0
        if let fraction = group(7) { millis = Int64(String((fraction + "00").prefix(3))) ?? 0 }
        var offset: Int64 = 0
        if let sign = group(9), let h = group(10).flatMap(Int64.init), let m = group(11).flatMap(Int64.init) {
            offset = (sign == "-" ? -1 : 1) * (h * 3600 + m * 60)
        }
        let seconds = daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Timestamp(milliseconds: seconds * 1000 + millis)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(_ y: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let year = m <= 2 ? y - 1 : y
        let era = (year >= 0 ? year : year - 399) / 400
        let yoe = year - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
