import ConfigYAML
import Foundation
import Model

extension TimeIntervals {
    /// Decodes the top-level `time_intervals` and the deprecated `mute_time_intervals`
    /// (both lists of `{name, time_intervals}`; names unique across the two, as
    /// Alertmanager's `Config.UnmarshalYAML` requires).
    static func decode(_ fields: AlertmanagerFields) -> TimeIntervals {
        var intervals = TimeIntervals()
        for key in ["mute_time_intervals", "time_intervals"] {
            let what = key == "time_intervals" ? "time interval" : "mute time interval"
            for entryNode in fields.list(key) {
                guard let entry = AlertmanagerFields(entryNode, keys: ["name", "time_intervals"]) else { continue }
                guard let name = entry.string("name"), !name.isEmpty else {
                    (entry["name"] ?? entryNode).fail(expected: "a name", found: "missing name in \(what)")
                    continue
                }
                let parts = entry.list("time_intervals").compactMap(TimeIntervalSpec.decode)
                if intervals.byName[name] != nil {
                    (entry["name"] ?? entryNode).fail(expected: "a unique name", found: "\(what) \"\(name)\" is not unique")
                }
                intervals.byName[name] = parts
            }
        }
        return intervals
    }
}

extension TimeIntervalSpec {
    static let keys = ["times", "weekdays", "days_of_month", "months", "years", "location"]

    /// One entry of a named interval, with Alertmanager's syntax and checks.
    static func decode(_ node: ConfigNode) -> TimeIntervalSpec? {
        guard let fields = AlertmanagerFields(node, keys: keys) else { return nil }
        var interval = TimeIntervalSpec()
        if fields["times"] != nil {
            interval.times = fields.list("times").compactMap(decodeTimeRange)
        }
        interval.weekdays = ranges(fields, "weekdays", "a weekday or range such as monday:friday", parse: parseWeekdays)
        interval.daysOfMonth = ranges(fields, "days_of_month", "a day of the month or range such as 1:7 or -3:-1", parse: parseDaysOfMonth)
        interval.months = ranges(fields, "months", "a month or range such as january:march or 1:3", parse: parseMonths)
        interval.years = ranges(fields, "years", "a year or range such as 2024:2026", parse: parseYears)
        if let value = fields["location"], let name = value.string(expected: "a time zone name such as Europe/Berlin") {
            if let zone = zone(named: name) {
                interval.location = zone
            } else {
                value.fail(expected: "a time zone of the system's tz database, such as Europe/Berlin",
                           found: "unknown time zone \(name)")
            }
        }
        return interval
    }

    /// Go's `time.LoadLocation`: `""` and `UTC` are UTC, `Local` the host's zone, anything
    /// else a name in the tz database (Foundation reads /usr/share/zoneinfo).
    private static func zone(named name: String) -> TimeZone? {
        switch name {
        case "", "UTC": return TimeZone(identifier: "UTC")
        case "Local": return TimeZone.current
        default:
            // Go refuses names that could climb out of the database directory.
            guard !name.hasPrefix("/"), !name.contains(".."), !name.contains("\\") else { return nil }
            return TimeZone(identifier: name)
        }
    }

    private static func decodeTimeRange(_ node: ConfigNode) -> TimeRange? {
        guard let fields = AlertmanagerFields(node, keys: ["start_time", "end_time"]) else { return nil }
        let start = fields.string("start_time")
        let end = fields.string("end_time")
        do {
            return try parseTimeRange(start: start ?? "", end: end ?? "")
        } catch {
            // Point at the field the message is about: the start's when it names the start.
            let aboutStart = start.map { error.message.contains("timestamp \($0),") } ?? false
            let at = aboutStart ? fields["start_time"] : (fields["end_time"] ?? fields["start_time"])
            (at ?? node).fail(expected: "times as HH:MM, start before end (00:00 to 24:00)", found: error.message)
            return nil
        }
    }

    /// A list of ranges; nil when absent, so an absent part matches every time (an empty
    /// list, as in Alertmanager, matches none). Numbers read as their text, as go-yaml does.
    private static func ranges(
        _ fields: AlertmanagerFields, _ key: String, _ expected: String,
        parse: (String) throws(TimeIntervalSyntaxError) -> InclusiveRange
    ) -> [InclusiveRange]? {
        guard let items = fields.strings(key) else { return nil }
        var out: [InclusiveRange] = []
        for (text, itemNode) in items {
            do { out.append(try parse(text)) } catch { itemNode.fail(expected: expected, found: error.message) }
        }
        return out
    }
}
