import Foundation

/// Float formatting byte-for-byte as Go's `strconv.FormatFloat` / `fmt` print it, because
/// alert annotations (`{{ $value }}`, `printf "%.2f"`, `humanize`) are compared verbatim by
/// `promtool test rules` and by whoever reads the notification.
enum GoFloatFormat {
    /// Decimal digits `d1 d2 …` and decimal point position: value = 0.d1d2… × 10^dp.
    struct Digits {
        var digits: [UInt8]
        var dp: Int
        var count: Int { digits.count }
    }

    /// The shortest digits that round-trip, from Swift's own shortest printer
    /// (which, like Go's Ryu-based one, yields the minimal round-tripping digit string).
    static func shortestDigits(_ value: Double) -> Digits {
        parseDigits("\(value.magnitude)")
    }

    /// `n` significant digits, correctly rounded (the C library's `%.*e` is exact).
    static func roundedDigits(_ value: Double, significant n: Int) -> Digits {
        parseDigits(String(format: "%.*e", max(n - 1, 0), value.magnitude))
    }

    /// Parses `123.45e+06`-like text (no sign) into digits and point position, trimming zeros.
    private static func parseDigits(_ text: String) -> Digits {
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...].replacingOccurrences(of: "+", with: "")) ?? 0
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = parts.first.map(String.init) ?? ""
        let fracPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = (intPart + fracPart).utf8.map { $0 - 48 }
        var dp = intPart.count + exponent
        while let first = digits.first, first == 0 {
            digits.removeFirst()
            dp -= 1
        }
        while let last = digits.last, last == 0 { digits.removeLast() }
        if digits.isEmpty { dp = 0 }
        return Digits(digits: digits, dp: dp)
    }

    /// `strconv.FormatFloat(v, fmt, prec, 64)` for fmt in e, E, f, g, G; prec -1 = shortest.
    static func format(_ value: Double, verb: Character, precision: Int) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        let negative = value.sign == .minus
        let sign = negative ? "-" : ""
        switch verb {
        case "e", "E":
            if precision >= 0 {
                return sign + String(format: verb == "e" ? "%.*e" : "%.*E", precision, value.magnitude)
            }
            let d = shortestDigits(value)
            return sign + formatE(d, precision: max(d.count - 1, 0), upper: verb == "E")
        case "f", "F":
            if precision >= 0 { return sign + String(format: "%.*f", precision, value.magnitude) }
            let d = shortestDigits(value)
            return sign + formatF(d, decimals: max(d.count - d.dp, 0))
        default:
            return sign + formatG(value, precision: precision, upper: verb == "G")
        }
    }

    /// Go's `%g`: `%e` when the exponent is < -4 or >= the precision (6 when shortest).
    private static func formatG(_ value: Double, precision: Int, upper: Bool) -> String {
        let shortest = precision < 0
        var prec = precision == 0 ? 1 : precision
        let d = shortest ? shortestDigits(value) : roundedDigits(value, significant: prec)
        if d.digits.isEmpty { return "0" }
        if shortest { prec = d.count }
        var eprec = prec
        if eprec > d.count && d.count >= d.dp { eprec = d.count }
        if shortest { eprec = 6 }
        let exp = d.dp - 1
        if exp < -4 || exp >= eprec {
            if prec > d.count { prec = d.count }
            return formatE(d, precision: prec - 1, upper: upper)
        }
        if prec > d.dp { prec = d.count }
        return formatF(d, decimals: max(prec - d.dp, 0))
    }

    /// `d.ddde±XX` from digits, padding with zeros to `precision` decimals.
    private static func formatE(_ d: Digits, precision: Int, upper: Bool) -> String {
        var out = String(d.digits.first.map { Character(UnicodeScalar($0 + 48)) } ?? "0")
        if precision > 0 {
            out += "."
            for i in 1...precision { out.append(i < d.count ? Character(UnicodeScalar(d.digits[i] + 48)) : "0") }
        }
        let exp = d.digits.isEmpty ? 0 : d.dp - 1
        out += upper ? "E" : "e"
        out += exp < 0 ? "-" : "+"
        let magnitude = abs(exp)
        out += magnitude < 10 ? "0\(magnitude)" : "\(magnitude)"
        return out
    }

    /// `ddd.ddd` from digits with `decimals` places (digits beyond are already rounded away).
    private static func formatF(_ d: Digits, decimals: Int) -> String {
        func digit(_ i: Int) -> Character {
            i >= 0 && i < d.count ? Character(UnicodeScalar(d.digits[i] + 48)) : "0"
        }
        var out = ""
        if d.dp > 0 {
            for i in 0..<d.dp { out.append(digit(i)) }
        } else {
            out = "0"
        }
        if decimals > 0 {
            out += "."
            for i in 0..<decimals { out.append(digit(d.dp + i)) }
        }
        return out
    }
}
