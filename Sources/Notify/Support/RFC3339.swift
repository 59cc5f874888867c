public import Model

/// Formats `Timestamp`s as Alertmanager's payloads print times.
public enum RFC3339 {
    /// Go's `time.RFC3339Nano` in UTC (`2026-11-23T11:22:40Z`, `…:40.5Z`): what a
    /// `time.Time` marshals to in the webhook body. Trailing zero digits are dropped.
    public static func nano(_ t: Timestamp) -> String {
        let (base, millis) = split(t)
        guard millis != 0 else { return base + "Z" }
        var fraction = String(millis)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return base + "." + fraction + "Z"
    }

    /// go-openapi `strfmt.DateTime` (`2006-01-02T15:04:05.000Z07:00`): always
    /// milliseconds, what Prometheus sends to `POST /api/v2/alerts`.
    public static func millis(_ t: Timestamp) -> String {
        let (base, millis) = split(t)
        let digits = String(millis)
        return base + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    /// Go's zero `time.Time`, which a firing alert's `endsAt` shows in the webhook body.
    public static let zeroTime = "0001-01-01T00:00:00Z"

    private static func split(_ t: Timestamp) -> (String, Int64) {
        let ms = t.milliseconds
        var seconds = ms / 1000
        var millis = ms % 1000
        if millis < 0 { millis += 1000; seconds -= 1 }
        var days = seconds / 86_400
        var rest = seconds % 86_400
        if rest < 0 { rest += 86_400; days -= 1 }
        let (y, m, d) = CivilDate.civil(fromDays: days)
        let text = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T" + pad(rest / 3600, 2) + ":"
            + pad(rest % 3600 / 60, 2) + ":" + pad(rest % 60, 2)
        return (text, millis)
    }

    private static func pad(_ n: Int64, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
