/// Why a time-interval field was refused, in Alertmanager's words (its `UnmarshalYAML`s).
public struct TimeIntervalSyntaxError: Error, Sendable, Hashable {
    /// The message, e.g. `start day cannot be before end day`.
    public var message: String
    init(_ message: String) { self.message = message }
}

extension TimeIntervalSpec {
    static let weekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
    static let monthNames = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ]

    /// A `times` entry's `HH:MM` (`00:00`–`23:59`, or `24:00`) as minutes of the day.
    static func parseTime(_ text: String) throws(TimeIntervalSyntaxError) -> Int {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let digits = parts.allSatisfy { $0.count == 2 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
        guard parts.count == 2, digits, let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (hours < 24 && minutes < 60) || (hours == 24 && minutes == 0)
        else { throw TimeIntervalSyntaxError("couldn't parse timestamp \(text), invalid format") }
        return hours * 60 + minutes
    }

    /// A `times` entry from its two strings (empty = not given).
    static func parseTimeRange(start: String, end: String) throws(TimeIntervalSyntaxError) -> TimeRange {
        guard !start.isEmpty, !end.isEmpty else { throw TimeIntervalSyntaxError("both start and end times must be provided") }
        let startMinute = try parseTime(start)
        let endMinute = try parseTime(end)
        guard startMinute < endMinute else {
            throw TimeIntervalSyntaxError("start time cannot be equal or greater than end time")
        }
        return TimeRange(startMinute: startMinute, endMinute: endMinute)
    }

    /// `monday`, `monday:friday` (case-insensitive).
    static func parseWeekdays(_ text: String) throws(TimeIntervalSyntaxError) -> InclusiveRange {
        let range = try parseRange(text) { (name: String) throws(TimeIntervalSyntaxError) -> Int in
            guard let day = weekdayNames.firstIndex(of: name) else { throw TimeIntervalSyntaxError("\(name) is not a valid weekday") }
            return day
        }
        guard range.begin <= range.end else { throw TimeIntervalSyntaxError("start day cannot be before end day") }
        return range
    }

    /// `1`, `1:15`, `-3:-1`: days 1–31 or -31–-1, never always empty (checked on a 28-day month).
    static func parseDaysOfMonth(_ text: String) throws(TimeIntervalSyntaxError) -> InclusiveRange {
        let range = try parseRange(text, member: parseInteger)
        for day in [range.begin, range.end] where day == 0 || day < -31 || day > 31 {
            throw TimeIntervalSyntaxError("\(day) is not a valid day of the month: out of range")
        }
        if range.begin < 0 && range.end > 0 {
            throw TimeIntervalSyntaxError("end day must be negative if start day is negative")
        }
        // As Alertmanager: month lengths are unknown here, so only ranges empty in every month are refused.
        let checkBegin = range.begin < 0 ? 28 + range.begin : range.begin
        let checkEnd = range.end < 0 ? 28 + range.end : range.end
        guard checkBegin <= checkEnd else {
            throw TimeIntervalSyntaxError("end day \(range.end) is always before start day \(range.begin)")
        }
        return range
    }

    /// `january:march`, `1:3`, `december`. Like Alertmanager 0.25, numbers are not bounded to 1–12.
    static func parseMonths(_ text: String) throws(TimeIntervalSyntaxError) -> InclusiveRange {
        let range = try parseRange(text) { (name: String) throws(TimeIntervalSyntaxError) -> Int in
            if let index = monthNames.firstIndex(of: name) { return index + 1 }
            guard let number = Int(name) else { throw TimeIntervalSyntaxError("\(name) is not a valid month") }
            return number
        }
        guard range.begin <= range.end else {
            func name(_ m: Int) -> String { (1...12).contains(m) ? monthNames[m - 1] : "" }
            throw TimeIntervalSyntaxError("end month \(name(range.end)) is before start month \(name(range.begin))")
        }
        return range
    }

    /// `2024`, `2024:2026`.
    static func parseYears(_ text: String) throws(TimeIntervalSyntaxError) -> InclusiveRange {
        let range = try parseRange(text, member: parseInteger)
        guard range.begin <= range.end else {
            throw TimeIntervalSyntaxError("end year \(range.end) is before start year \(range.begin)")
        }
        return range
    }

    /// Go's `strconv.Atoi` message for a non-integer.
    private static func parseInteger(_ text: String) throws(TimeIntervalSyntaxError) -> Int {
        guard let value = Int(text) else {
            throw TimeIntervalSyntaxError("strconv.Atoi: parsing \"\(text)\": invalid syntax")
        }
        return value
    }

    /// `a` or `a:b`, lower-cased, each side read by `member` (`stringableRangeFromString`).
    private static func parseRange(
        _ text: String, member: (String) throws(TimeIntervalSyntaxError) -> Int
    ) throws(TimeIntervalSyntaxError) -> InclusiveRange {
        let lower = text.lowercased()
        let parts = lower.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1:
            let value = try member(lower)
            return InclusiveRange(value, value)
        case 2:
            return InclusiveRange(try member(parts[0]), try member(parts[1]))
        default:
            throw TimeIntervalSyntaxError("couldn't parse range \(lower), invalid format")
        }
    }
}
