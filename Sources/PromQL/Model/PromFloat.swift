import Foundation

/// Go's float formatting, which Prometheus output depends on.
public enum PromFloat {
    /// `strconv.FormatFloat(v, 'f', -1, 64)`: the shortest digits that round-trip,
    /// never in exponent form (`1e+06` prints `1000000`), `NaN`, `+Inf`, `-Inf`.
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        let (negative, digits, exponent) = shortestDigits(value)
        // value = 0.digits × 10^exponent
        var out = negative ? "-" : ""
        if exponent <= 0 {
            out += "0." + String(repeating: "0", count: -exponent) + digits
        } else if exponent >= digits.count {
            out += digits + String(repeating: "0", count: exponent - digits.count)
        } else {
            let index = digits.index(digits.startIndex, offsetBy: exponent)
            out += digits[..<index] + "." + digits[index...]
        }
        return out
    }

    /// Decomposes Swift's shortest round-trip description into sign, significant
    /// digits (no leading/trailing zeros) and the decimal exponent of `0.digits`.
    static func shortestDigits(_ value: Double) -> (Bool, String, Int) {
        var text = abs(value).description  // e.g. "123.45", "1e-07", "1.5e+20"
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = String(parts[0])
        let fracPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = intPart + fracPart
        var pointPosition = intPart.count + exponent
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        return (value < 0, digits, pointPosition)
    }
}

extension PromFloat {
    /// `fmt.Sprint(v)` / `%v` of a float64: shortest `g`-style (`1e+06`, `0.5`, `NaN`, `+Inf`).
    public static func goV(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        let (negative, digits, point) = shortestDigits(value)
        let exponent = point - 1
        if exponent < -4 || exponent >= 6 {
            var mantissa = String(digits.prefix(1))
            if digits.count > 1 { mantissa += "." + digits.dropFirst() }
            let e = abs(exponent) < 10 ? "0\(abs(exponent))" : "\(abs(exponent))"
            return (negative ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + e
        }
        return format(value)
    }
}


extension PromFloat {
    /// How Prometheus's JSON API writes a sample value (`jsonutil.MarshalFloat`):
    /// `'f'` shortest digits, but `'e'` below 1e-6 and from 1e21 on (`1e-07`, `1.5e+21`).
    public static func json(_ value: Double) -> String {
        let magnitude = abs(value)
        guard value.isFinite, magnitude != 0, magnitude < 1e-6 || magnitude >= 1e21 else { return format(value) }
        let (negative, digits, point) = shortestDigits(value)
        let exponent = point - 1
        var mantissa = String(digits.prefix(1))
        if digits.count > 1 { mantissa += "." + digits.dropFirst() }
        let e = abs(exponent) < 10 ? "0\(abs(exponent))" : "\(abs(exponent))"
        return (negative ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + e
    }

    /// A millisecond timestamp as the API writes it: seconds, with 3 decimals only when
    /// the milliseconds are not zero (`jsonutil.MarshalTimestamp`).
    public static func jsonTimestamp(_ milliseconds: Int64) -> String {
        let negative = milliseconds < 0
        let t = milliseconds.magnitude
        var out = (negative ? "-" : "") + String(t / 1000)
        let fraction = t % 1000
        if fraction != 0 {
            out += "." + (fraction < 100 ? "0" : "") + (fraction < 10 ? "0" : "") + String(fraction)
        }
        return out
    }
}

extension PromFloat {
    /// `labels.FormatOpenMetricsFloat`: `%g`-style shortest text with `.0` added when it
    /// has neither a point nor an exponent (`1.0`, `0.25`, `1e-05`, `NaN`, `+Inf`).
    public static func openMetrics(_ value: Double) -> String {
        if value == 0 { return "0.0" }
        let text = goV(value)
        if value.isNaN || value.isInfinite || text.contains(".") || text.contains("e") { return text }
        return text + ".0"
    }
}
