/// The calendar functions (`day_of_month` …): UTC fields of a Unix time in seconds.
enum DateField: String {
    case dayOfMonth = "day_of_month", dayOfWeek = "day_of_week", dayOfYear = "day_of_year"
    case daysInMonth = "days_in_month", hour, minute, month, year

    func value(forUnixSeconds value: Double) -> Double {
        // Go converts with int64(v): truncation toward zero.
        guard value.isFinite, abs(value) < 9.2e18 else { return .nan }
        let seconds = Int64(value)
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 { secondOfDay += 86_400; days -= 1 }
        let (y, m, d) = DateField.civil(fromDays: days)
        switch self {
        case .dayOfMonth: return Double(d)
        case .dayOfWeek: return Double(((days % 7) + 11) % 7)
        case .dayOfYear:
            return Double(days - DateField.days(fromCivil: y, 1, 1) + 1)
        case .daysInMonth: return Double(DateField.daysIn(month: m, year: y))
        case .hour: return Double(secondOfDay / 3600)
        case .minute: return Double((secondOfDay % 3600) / 60)
        case .month: return Double(m)
        case .year: return Double(y)
        }
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Howard Hinnant's `civil_from_days`.
    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// Howard Hinnant's `days_from_civil`.
    static func days(fromCivil y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
