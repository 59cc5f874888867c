import Foundation
import Model
import PromQL

/// How the pages print times, durations and numbers.
enum WebFormat {
    /// RFC 3339 in UTC, to the second (what the API prints, minus the fraction).
    static func time(_ timestamp: Timestamp) -> String {
        let text = HealthReport.rfc3339(timestamp)
        guard let dot = text.firstIndex(of: ".") else { return text }
        return String(text[..<dot]) + "Z"
    }

    static func time(orNever timestamp: Timestamp?) -> String {
        guard let timestamp else { return "never" }
        return time(timestamp)
    }

    /// `12.3 ms`, `1.25 s`.
    static func seconds(_ value: Double) -> String {
        if value < 1 { return "\(rounded(value * 1000)) ms" }
        return "\(rounded(value)) s"
    }

    /// How long ago `then` was, in the largest whole unit: `3d 4h`, `5m 2s`.
    static func age(from then: Timestamp, to now: Timestamp) -> String {
        var seconds = max(0, (now.milliseconds - then.milliseconds) / 1000)
        let days = seconds / 86_400, hours = seconds % 86_400 / 3_600, minutes = seconds % 3_600 / 60
        seconds %= 60
        if days > 0 { return "\(days)d \(hours)h" }
        if hours > 0 { return "\(hours)h \(minutes)m" }
        if minutes > 0 { return "\(minutes)m \(seconds)s" }
        return "\(seconds)s"
    }

    /// Three significant decimals, no trailing zeros.
    static func rounded(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// A sample value as Prometheus's UI prints it (Go's shortest float form).
    static func value(_ value: Double) -> String { PromFloat.format(value) }

    /// A string usable in an HTML id (letters, digits, `-`, `_`).
    static func anchor(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
    }
}
