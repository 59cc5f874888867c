import Model
import Rules

/// A Go `time.Time` in UTC as Alertmanager's templates see `StartsAt`/`EndsAt`: `String`,
/// `Format "layout"`, `Unix`, `UnixMilli`, `IsZero`, `UTC`. A firing alert's `EndsAt` is
/// Go's zero time (year 1), which nanoseconds since 1970 in an Int64 cannot hold, hence
/// seconds and nanoseconds apart.
struct TemplateTime: TemplateObject {
    /// Seconds since 1970-01-01 UTC.
    let seconds: Int64
    /// 0..<1e9.
    let nanos: Int64

    /// Go's zero time, `0001-01-01 00:00:00 +0000 UTC`.
    static let zeroSeconds: Int64 = -62_135_596_800

    init(_ timestamp: Timestamp?) {
        guard let timestamp else {
            (seconds, nanos) = (Self.zeroSeconds, 0)
            return
        }
        let ms = timestamp.milliseconds
        var s = ms / 1000, rest = ms % 1000
        if rest < 0 { rest += 1000; s -= 1 }
        (seconds, nanos) = (s, rest * 1_000_000)
    }

    var goTypeName: String { "time.Time" }
    var goString: String { format("2006-01-02 15:04:05.999999999 -0700 MST") }

    func member(_ name: String, args: [TemplateValue]) throws(TemplateFunctionError) -> TemplateValue? {
        if name == "Format" {
            try TemplateArgs.count(name, args, 1)
            return .string(format(try TemplateArgs.string(args[0])))
        }
        let value: TemplateValue
        switch name {
        case "String": value = .string(goString)
        case "Unix": value = .int(Int(seconds))
        case "UnixMilli": value = .int(Int(seconds &* 1000 &+ nanos / 1_000_000))
        case "UnixNano": value = .int(Int(seconds &* 1_000_000_000 &+ nanos))
        case "IsZero": value = .bool(seconds == Self.zeroSeconds && nanos == 0)
        case "UTC", "Local": value = self.templateValue
        default: return nil
        }
        try TemplateArgs.none(name, args)
        return value
    }



    // MARK: - Go's time.Format for UTC times

    private static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    private static let days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// `time.Time.Format(layout)` with Go's reference-time tokens (`2006-01-02T15:04:05Z07:00`…).
    func format(_ layout: String) -> String {
        var dayNumber = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 { secondOfDay += 86_400; dayNumber -= 1 }
        let (year, month, day) = CivilDate.civil(fromDays: dayNumber)
        let weekday = Int(((dayNumber % 7) + 11) % 7)  // 1970-01-01 was a Thursday
        let hour = secondOfDay / 3600, minute = secondOfDay % 3600 / 60, second = secondOfDay % 60
        let yearDay = dayNumber - CivilDate.days(fromCivil: year, 1, 1) + 1

        func pad(_ n: Int64, _ width: Int, _ fill: Character = "0") -> String {
            let s = String(n.magnitude)
            return (n < 0 ? "-" : "") + String(repeating: fill, count: max(0, width - s.count)) + s
        }
        let chars = Array(layout)
        var out = ""
        var i = 0
        func has(_ token: String) -> Bool {
            let t = Array(token)
            return i + t.count <= chars.count && Array(chars[i..<(i + t.count)]) == t
        }
        // Longest tokens first, in the order of Go's nextStdChunk.
        let tokens: [(String, () -> String)] = [
            ("January", { Self.months[Int(month) - 1] }), ("Jan", { String(Self.months[Int(month) - 1].prefix(3)) }),
            ("Monday", { Self.days[weekday] }), ("Mon", { String(Self.days[weekday].prefix(3)) }),
            ("MST", { "UTC" }), ("2006", { pad(year, 4) }), ("002", { pad(yearDay, 3) }),
            ("01", { pad(month, 2) }), ("02", { pad(day, 2) }), ("03", { pad(hour % 12 == 0 ? 12 : hour % 12, 2) }),
            ("04", { pad(minute, 2) }), ("05", { pad(second, 2) }), ("06", { pad(year % 100, 2) }),
            ("15", { pad(hour, 2) }), ("_2", { pad(day, 2, " ") }),
            ("Z07:00:00", { "Z" }), ("Z070000", { "Z" }), ("Z07:00", { "Z" }), ("Z0700", { "Z" }), ("Z07", { "Z" }),
            ("-07:00:00", { "+00:00:00" }), ("-070000", { "+000000" }), ("-07:00", { "+00:00" }),
            ("-0700", { "+0000" }), ("-07", { "+00" }),
            ("PM", { hour >= 12 ? "PM" : "AM" }), ("pm", { hour >= 12 ? "pm" : "am" }),
            ("1", { String(month) }), ("2", { String(day) }), ("3", { String(hour % 12 == 0 ? 12 : hour % 12) }),
            ("4", { String(minute) }), ("5", { String(second) }),
        ]
        outer: while i < chars.count {
            // Fractional seconds: `.000`/`,000` (fixed) or `.999` (trailing zeros dropped) after a seconds field.
            if (chars[i] == "." || chars[i] == ","), i + 1 < chars.count, chars[i + 1] == "0" || chars[i + 1] == "9" {
                let digit = chars[i + 1]
                var j = i + 1
                while j < chars.count && chars[j] == digit { j += 1 }
                if j == chars.count || !chars[j].isNumber {
                    var frac = String(pad(nanos, 9).prefix(j - i - 1))
                    if digit == "9" {
                        while frac.hasSuffix("0") { frac.removeLast() }
                        if !frac.isEmpty { out += String(chars[i]) + frac }
                    } else {
                        out += String(chars[i]) + frac
                    }
                    i = j
                    continue
                }
            }
            for (token, render) in tokens where has(token) {
                out += render()
                i += token.count
                continue outer
            }
            out.append(chars[i])
            i += 1
        }
        return out
    }
}
