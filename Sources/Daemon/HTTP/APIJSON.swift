import Foundation
import Model
import PromQL

/// JSON pieces shared by the Prometheus-compatible endpoints, spelled as Prometheus's
/// HTTP API spells them (labels as objects, times RFC 3339, values Go `%e` strings).
enum APIJSON {
    static func quote(_ text: String) -> String { APIResponse.quote(text) }

    static func labels(_ labels: Labels) -> String {
        "{" + labels.map { "\(quote($0.name)):\(quote($0.value))" }.joined(separator: ",") + "}"
    }

    static func time(_ timestamp: Timestamp) -> String { quote(HealthReport.rfc3339(timestamp)) }

    /// Go's zero `time.Time` as the API prints it (a rule or group never evaluated).
    static let zeroTime = "\"0001-01-01T00:00:00Z\""

    static func seconds(_ duration: PromDuration) -> String { PromFloat.format(duration.seconds) }

    /// Go's `strconv.FormatFloat(v, 'e', -1, 64)`: shortest digits, exponent at least two digits.
    static func goExponent(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == 0 { return value.sign == .minus ? "-0e+00" : "0e+00" }
        // Swift's description is the shortest round-tripping decimal; re-spell it in e-form.
        var text = "\(abs(value))"
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = String(parts[0])
        let fracPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = intPart + fracPart
        var pointAfter = intPart.count
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            pointAfter -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        exponent += pointAfter - 1
        let mantissa = digits.count > 1 ? "\(digits.first!).\(digits.dropFirst())" : digits
        let sign = exponent < 0 ? "-" : "+"
        let magnitude = abs(exponent) < 10 ? "0\(abs(exponent))" : "\(abs(exponent))"
        return (value < 0 ? "-" : "") + mantissa + "e" + sign + magnitude
    }

    static func success(_ data: String) -> String { "{\"status\":\"success\",\"data\":\(data)}" }

    static func error(_ type: String, _ message: String) -> String { APIResponse.error(type: type, message: message) }
}

/// `application/x-www-form-urlencoded` and query strings.
enum FormParameters {
    static func parse(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for (key, value) in parseAll(text) where out[key] == nil { out[key] = value }
        return out
    }

    /// Every pair in order, repeated keys kept (the Alertmanager API's `filter=…&filter=…`).
    static func parseAll(_ text: String) -> [(key: String, value: String)] {
        text.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(String(parts[0])), parts.count > 1 ? decode(String(parts[1])) : "")
        }
    }

    private static func decode(_ text: String) -> String {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? text
    }
}
