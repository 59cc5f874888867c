import Model
import Testing

@Suite struct CivilDateTests {
    @Test(arguments: [
        (Int64(1970), Int64(1), Int64(1), Int64(0)),
        (1969, 12, 31, -1),
        (2000, 2, 29, 11_016),
        (2000, 3, 1, 11_017),
        (1, 1, 1, -719_162),  // Go's zero time
        (2026, 11, 25, 20_782),  // Python: (date(2026, 11, 25) - date(1970, 1, 1)).days
    ])
    func knownDates(year: Int64, month: Int64, day: Int64, days: Int64) {
        #expect(CivilDate.days(fromCivil: year, month, day) == days)
        let back = CivilDate.civil(fromDays: days)
        #expect(back.year == year && back.month == month && back.day == day)
    }

    @Test func roundTripsEveryDayOverEightCenturies() {
        var previous = CivilDate.civil(fromDays: -146_097 - 1)
        for days in Int64(-146_097)...Int64(146_097) {
            let date = CivilDate.civil(fromDays: days)
            #expect(CivilDate.days(fromCivil: date.year, date.month, date.day) == days)
            // Consecutive days: the day advances by one or the month/year rolls over to day 1.
            #expect(date.day == previous.day + 1 || date.day == 1)
            previous = date
        }
    }
}
