import Foundation
import Model
@testable import Notify
import Testing

/// Alertmanager 0.25's timeinterval_test.go tables (TestContainsTime, TestParseTimeString,
/// TestYamlUnmarshal), same cases and expectations, plus DST, negative days and year ends.
@Suite struct TimeIntervalSpecTests {
    typealias R = TimeIntervalSpec.InclusiveRange

    /// Go's RFC822Z layout, `02 Jan 06 15:04 -0700` (two-digit years below 69 are 20xx).
    static func time(_ text: String) throws -> Timestamp {
        let parts = text.split(separator: " ").map(String.init)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let clock = parts[3].split(separator: ":").compactMap { Int($0) }
        let zone = try #require(Int(parts[4]))
        let month = try #require(months.firstIndex(of: parts[1])) + 1
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(secondsFromGMT: (zone / 100) * 3600 + (zone % 100) * 60))
        let yy = try #require(Int(parts[2]))
        let date = try #require(calendar.date(from: DateComponents(
            year: yy < 69 ? 2000 + yy : 1900 + yy, month: month, day: Int(parts[0]), hour: clock[0], minute: clock[1])))
        return Timestamp(milliseconds: Int64(date.timeIntervalSince1970 * 1000))
    }

    static func zone(_ name: String) -> TimeZone? { TimeZone(identifier: name) }

    /// timeIntervalTestCases: (interval, inside, outside).
    static let containsCases: [(TimeIntervalSpec, [String], [String])] = [
        (TimeIntervalSpec(), ["02 Jan 06 15:04 +0000", "03 Jan 07 10:04 +0000", "04 Jan 06 09:04 +0000"], []),
        (TimeIntervalSpec(times: [.init(startMinute: 540, endMinute: 1020)], weekdays: [R(1, 5)]),
         ["04 May 20 15:04 +0000", "05 May 20 10:04 +0000", "09 Jun 20 09:04 +0000"],
         ["03 May 20 15:04 +0000", "04 May 20 08:59 +0000", "05 May 20 05:00 +0000"]),
        (TimeIntervalSpec(daysOfMonth: [R(4, 6)], months: [R(4, 4)], years: [R(2020, 2020)]),
         ["04 Apr 20 15:04 +0000", "05 Apr 20 00:00 +0000", "06 Apr 20 23:05 +0000"],
         ["03 May 18 15:04 +0000", "03 Apr 20 23:59 +0000", "04 Jun 20 23:59 +0000", "06 Apr 19 23:59 +0000",
          "07 Apr 20 00:00 +0000"]),
        (TimeIntervalSpec(daysOfMonth: [R(-3, -1)]),
         ["31 Jan 20 15:04 +0000", "30 Jan 20 15:04 +0000", "29 Jan 20 15:04 +0000", "30 Jun 20 00:00 +0000",
          "29 Feb 20 23:05 +0000"],
         ["03 May 18 15:04 +0000", "27 Jan 20 15:04 +0000", "03 Apr 20 23:59 +0000", "04 Jun 20 23:59 +0000",
          "06 Apr 19 23:59 +0000", "07 Apr 20 00:00 +0000", "01 Mar 20 00:00 +0000"]),
        (TimeIntervalSpec(daysOfMonth: [R(-31, 31)], months: [R(6, 6)]),
         ["30 Jun 20 00:00 +0000", "01 Jun 20 00:00 +0000"], ["31 May 20 00:00 +0000", "1 Jul 20 00:00 +0000"]),
        (TimeIntervalSpec(times: [.init(startMinute: 540, endMinute: 1020)], weekdays: [R(1, 5)], location: zone("Australia/Sydney")),
         ["06 Apr 21 13:00 +1000"], ["06 Apr 21 13:00 +0000"]),
        (TimeIntervalSpec(
            times: [.init(startMinute: 540, endMinute: 1020)], weekdays: [R(1, 5)], months: [R(11, 11)],
            location: zone("Australia/Sydney")),
         ["01 Nov 21 09:00 +1100", "31 Oct 21 22:00 +0000"], ["31 Oct 21 21:00 +0000"]),
    ]

    @Test(arguments: containsCases)
    func containsTime(_ interval: TimeIntervalSpec, _ inside: [String], _ outside: [String]) throws {
        for text in inside { #expect(interval.contains(try Self.time(text)), "\(text) should be inside") }
        for text in outside { #expect(!interval.contains(try Self.time(text)), "\(text) should be outside") }
    }

    /// timeStringTestCases: (start, end, minutes or nil for an error).
    static let timeStrings: [(String, String, ClosedRange<Int>?)] = [
        ("00:00", "24:00", 0...1440), ("01:35", "17:39", 95...1059), ("09:35", "09:39", 575...579),
        ("17:31", "17:31", nil), ("12:30", "24:01", nil), ("09:30", "07:41", nil), ("24:00", "17:41", nil), ("14:03", "", nil),
    ]

    @Test(arguments: timeStrings)
    func parseTimeString(_ start: String, _ end: String, _ minutes: ClosedRange<Int>?) {
        let range = try? TimeIntervalSpec.parseTimeRange(start: start, end: end)
        #expect(range.map { $0.startMinute...$0.endMinute } == minutes)
    }

    /// TestYamlUnmarshal's refused inputs: (one interval's YAML, Alertmanager's message).
    static let refused: [(String, String)] = [
        ("{times: [{start_time: '01:99', end_time: '23:59'}]}", "couldn't parse timestamp 01:99, invalid format"),
        ("{times: [{start_time: '00:00', end_time: '99:99'}]}", "couldn't parse timestamp 99:99, invalid format"),
        ("{weekdays: ['friday:monday']}", "start day cannot be before end day"),
        ("{weekdays: ['blurgsday:flurgsday']}", "blurgsday is not a valid weekday"),
        ("{weekdays: ['1:3']}", "1 is not a valid weekday"),
        ("{weekdays: ['-2:-1']}", "-2 is not a valid weekday"),
        ("{days_of_month: ['0']}", "0 is not a valid day of the month: out of range"),
        ("{days_of_month: ['-50:-20']}", "-50 is not a valid day of the month: out of range"),
        ("{days_of_month: ['1:50']}", "50 is not a valid day of the month: out of range"),
        ("{days_of_month: ['-15:5']}", "end day must be negative if start day is negative"),
        ("{days_of_month: ['10:-25']}", "end day -25 is always before start day 10"),
        ("{months: ['martius:june']}", "martius is not a valid month"),
        ("{months: ['march:junius']}", "junius is not a valid month"),
        ("{months: ['december:january']}", "end month january is before start month december"),
        ("{years: ['2022:2020']}", "end year 2020 is before start year 2022"),
        ("{location: 'Mars/Olympus_Mons'}", "unknown time zone Mars/Olympus_Mons"),
    ]

    static func config(_ interval: String) -> String {
        "route: {receiver: r}\nreceivers: [{name: r}]\ntime_intervals:\n  - name: t\n    time_intervals: [\(interval)]\n"
    }

    @Test(arguments: refused)
    func refusedAsAlertmanagerRefusesThem(_ interval: String, _ message: String) {
        do {
            _ = try NotifyConfig.parse(yaml: Self.config(interval), file: "am.yml")
            Issue.record("accepted \(interval)")
        } catch {
            #expect(error.errors.map(\.found) == [message])
            // The entry's line (5) and a column inside it: file:line:col as every config error.
            #expect(error.errors.first?.location.line == 5)
            #expect((error.errors.first?.location.column ?? 0) > 21)
        }
    }

    /// TestYamlUnmarshal's accepted inputs and the intervals they decode to.
    @Test func acceptedDecodeAsAlertmanagerDecodesThem() throws {
        let cases: [(String, TimeIntervalSpec)] = [
            ("{weekdays: ['monday:friday'], times: [{start_time: '09:00', end_time: '17:00'}]}",
             TimeIntervalSpec(times: [.init(startMinute: 540, endMinute: 1020)], weekdays: [R(1, 5)])),
            ("{weekdays: ['monday:friday', 'sunday'], months: ['january:march'], days_of_month: ['-7:-1'], "
                + "years: ['2020:2025', '2030:2035'], times: [{start_time: '09:00', end_time: '17:00'}]}",
             TimeIntervalSpec(
                times: [.init(startMinute: 540, endMinute: 1020)], weekdays: [R(1, 5), R(0, 0)], daysOfMonth: [R(-7, -1)],
                months: [R(1, 3)], years: [R(2020, 2025), R(2030, 2035)])),
            ("{days_of_month: ['1:-1']}", TimeIntervalSpec(daysOfMonth: [R(1, -1)])),
            ("{months: ['January:december']}", TimeIntervalSpec(months: [R(1, 12)])),
            ("{years: ['2020:2022'], location: 'Australia/Sydney'}",
             TimeIntervalSpec(years: [R(2020, 2022)], location: Self.zone("Australia/Sydney"))),
            // go-yaml reads a number as its text, so unquoted days and years decode too.
            ("{days_of_month: [1, '-1'], years: [2027]}", TimeIntervalSpec(daysOfMonth: [R(1, 1), R(-1, -1)], years: [R(2027, 2027)])),
        ]
        for (yaml, expected) in cases {
            let config = try NotifyConfig.parse(yaml: Self.config(yaml), file: "am.yml")
            #expect(config.timeIntervals.byName["t"] == [expected], "\(yaml)")
        }
        // The "more advanced" case's instants.
        let advanced = try #require(try NotifyConfig.parse(yaml: Self.config(cases[1].0), file: "am.yml").timeIntervals.byName["t"]?.first)
        for text in ["27 Jan 21 09:00 +0000", "28 Jan 21 16:59 +0000", "29 Jan 21 13:00 +0000", "31 Mar 25 13:00 +0000",
                     "31 Jan 35 13:00 +0000"] {
            #expect(advanced.contains(try Self.time(text)), "\(text)")
        }
        for text in ["30 Jan 21 13:00 +0000", "01 Apr 21 13:00 +0000", "30 Jan 26 13:00 +0000", "31 Jan 35 17:01 +0000"] {
            #expect(!advanced.contains(try Self.time(text)), "\(text)")
        }
    }

    /// 09:00–17:00 in Europe/Berlin is 08:00–16:00 UTC before the spring change
    /// (2027-03-28) and 07:00–15:00 UTC after it.
    @Test func dstChangeMovesTheUTCWindow() throws {
        let office = TimeIntervalSpec(
            times: [.init(startMinute: 540, endMinute: 1020)], weekdays: [R(1, 5)], location: Self.zone("Europe/Berlin"))
        #expect(office.contains(try Self.time("26 Mar 27 08:00 +0000")))
        #expect(!office.contains(try Self.time("26 Mar 27 07:59 +0000")))
        #expect(!office.contains(try Self.time("26 Mar 27 16:00 +0000")))
        #expect(office.contains(try Self.time("29 Mar 27 07:00 +0000")))
        #expect(!office.contains(try Self.time("29 Mar 27 06:59 +0000")))
        #expect(office.contains(try Self.time("29 Mar 27 14:59 +0000")))
        #expect(!office.contains(try Self.time("29 Mar 27 15:00 +0000")))
        // Autumn change (2027-10-31, a Sunday): Monday 09:00 is 08:00 UTC again.
        #expect(office.contains(try Self.time("01 Nov 27 08:00 +0000")))
        #expect(!office.contains(try Self.time("01 Nov 27 07:59 +0000")))
    }

    /// Alertmanager counts a month's days as whole 24 h spans between its first midnight and
    /// the next month's, so a month that loses an hour to DST has 30 "days" in that zone and
    /// `-1` is its 30th. binwatch keeps the count, so both mute the same day.
    @Test func negativeDaysInAMonthWithADSTChange() throws {
        let lastDay = TimeIntervalSpec(daysOfMonth: [R(-1, -1)], location: Self.zone("Europe/Berlin"))
        #expect(lastDay.contains(try Self.time("30 Mar 27 12:00 +0000")))
        #expect(!lastDay.contains(try Self.time("31 Mar 27 12:00 +0000")))
        // October gains the hour: 31 days, -1 is the 31st.
        #expect(lastDay.contains(try Self.time("31 Oct 27 12:00 +0000")))
        #expect(!lastDay.contains(try Self.time("30 Oct 27 12:00 +0000")))
        // In UTC March has its 31 days, and February of a leap year 29.
        let utcLast = TimeIntervalSpec(daysOfMonth: [R(-1, -1)])
        #expect(utcLast.contains(try Self.time("31 Mar 27 12:00 +0000")))
        #expect(utcLast.contains(try Self.time("29 Feb 28 12:00 +0000")))
        #expect(!utcLast.contains(try Self.time("28 Feb 28 12:00 +0000")))
        #expect(utcLast.contains(try Self.time("28 Feb 27 12:00 +0000")))
    }

    /// New Year's Eve 23:30 UTC is already next year (and January) in Berlin.
    @Test func yearBoundaryIsReadInTheLocation() throws {
        let t = try Self.time("31 Dec 26 23:30 +0000")
        #expect(TimeIntervalSpec(years: [R(2026, 2026)]).contains(t))
        #expect(!TimeIntervalSpec(years: [R(2026, 2026)], location: Self.zone("Europe/Berlin")).contains(t))
        #expect(TimeIntervalSpec(months: [R(1, 1)], years: [R(2027, 2027)], location: Self.zone("Europe/Berlin")).contains(t))
        #expect(TimeIntervalSpec(daysOfMonth: [R(1, 1)], location: Self.zone("Europe/Berlin")).contains(t))
    }
}
