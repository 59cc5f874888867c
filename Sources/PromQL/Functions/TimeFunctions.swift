import Model

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
        let (y, m, d) = CivilDate.civil(fromDays: days)
        switch self {
        case .dayOfMonth: return Double(d)
        case .dayOfWeek: return Double(((days % 7) + 11) % 7)
        case .dayOfYear:
            return Double(days - CivilDate.days(fromCivil: y, 1, 1) + 1)
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
}
