public import Foundation
public import Model

/// One entry of a named time interval (Alertmanager's `timeinterval.TimeInterval`, named
/// apart from Foundation's `TimeInterval`): a time is inside when every part that is set
/// matches it, each part matching when any of its ranges does; unset parts match always.
public struct TimeIntervalSpec: Sendable, Hashable {
    /// Minutes of the day, `[start, end)`: `09:00`–`17:00` is 540..<1020.
    public struct TimeRange: Sendable, Hashable {
        /// First minute inside.
        public var startMinute: Int
        /// First minute after (at most 1440, `24:00`).
        public var endMinute: Int
        /// Creates a range of minutes.
        public init(startMinute: Int, endMinute: Int) {
            self.startMinute = startMinute
            self.endMinute = endMinute
        }
    }

    /// An inclusive range of integers: weekdays 0 (Sunday)–6, days of the month (negative
    /// counts from the month's end, -1 being its last day), months 1–12, years.
    public struct InclusiveRange: Sendable, Hashable {
        /// First value inside.
        public var begin: Int
        /// Last value inside.
        public var end: Int
        /// Creates a range.
        public init(_ begin: Int, _ end: Int) {
            self.begin = begin
            self.end = end
        }
    }

    /// `times`; nil = every time of day.
    public var times: [TimeRange]?
    /// `weekdays`, 0 = Sunday; nil = every day.
    public var weekdays: [InclusiveRange]?
    /// `days_of_month`; nil = every day.
    public var daysOfMonth: [InclusiveRange]?
    /// `months`, 1 = January; nil = every month.
    public var months: [InclusiveRange]?
    /// `years`; nil = every year.
    public var years: [InclusiveRange]?
    /// `location`: the zone the parts are read in (UTC when unset, as Alertmanager).
    public var location: TimeZone?

    /// Creates an interval; every part unset matches every time.
    public init(
        times: [TimeRange]? = nil, weekdays: [InclusiveRange]? = nil, daysOfMonth: [InclusiveRange]? = nil,
        months: [InclusiveRange]? = nil, years: [InclusiveRange]? = nil, location: TimeZone? = nil
    ) {
        self.times = times
        self.weekdays = weekdays
        self.daysOfMonth = daysOfMonth
        self.months = months
        self.years = years
        self.location = location
    }

    /// Whether `time` is inside, read in `location` (Alertmanager's `ContainsTime`).
    public func contains(_ time: Timestamp) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        // Alertmanager calls ContainsTime with now.UTC(): no location means UTC, not the host's zone.
        calendar.timeZone = location ?? TimeZone(identifier: "UTC") ?? TimeZone.current
        let date = Date(timeIntervalSince1970: Double(time.milliseconds) / 1000)
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: date)
        guard let year = parts.year, let month = parts.month, let day = parts.day, let hour = parts.hour,
              let minute = parts.minute, let weekday = parts.weekday
        else { return false }
        if let times {
            let minuteOfDay = hour * 60 + minute
            guard times.contains(where: { minuteOfDay >= $0.startMinute && minuteOfDay < $0.endMinute }) else { return false }
        }
        if let daysOfMonth {
            let length = Self.daysInMonth(year: year, month: month, calendar: calendar)
            guard daysOfMonth.contains(where: { Self.dayRange($0, contains: day, monthLength: length) }) else { return false }
        }
        if let months, !months.contains(where: { month >= $0.begin && month <= $0.end }) { return false }
        // Calendar's weekday is 1 = Sunday; Go's time.Weekday is 0 = Sunday.
        if let weekdays, !weekdays.contains(where: { weekday - 1 >= $0.begin && weekday - 1 <= $0.end }) { return false }
        if let years, !years.contains(where: { year >= $0.begin && year <= $0.end }) { return false }
        return true
    }

    /// Alertmanager's `daysInMonth`: the hours from the month's first midnight to the next
    /// month's, over 24, truncated. In a zone that springs forward that month (March in
    /// Europe/Berlin) this gives one day less than the calendar, and binwatch keeps the
    /// same count so `days_of_month: ['-1']` mutes the same day as Alertmanager does.
    static func daysInMonth(year: Int, month: Int, calendar: Calendar) -> Int {
        guard let start = calendar.date(from: DateComponents(year: year, month: month, day: 1)),
              let next = calendar.date(byAdding: .month, value: 1, to: start)
        else { return 31 }
        return Int(next.timeIntervalSince(start) / 3600 / 24)
    }

    /// A `days_of_month` range against `day` of a month of `monthLength` days: negative
    /// days count from the end, a range starting past the month's end never matches, and
    /// the ends are clamped to the month, exactly as Alertmanager does it.
    static func dayRange(_ range: InclusiveRange, contains day: Int, monthLength: Int) -> Bool {
        let begin = range.begin < 0 ? monthLength + range.begin + 1 : range.begin
        let end = range.end < 0 ? monthLength + range.end + 1 : range.end
        if begin > monthLength { return false }
        let clampedBegin = min(max(begin, -monthLength), monthLength)
        let clampedEnd = min(max(end, -monthLength), monthLength)
        return day >= clampedBegin && day <= clampedEnd
    }
}
