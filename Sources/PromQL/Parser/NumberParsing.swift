/// Number and duration conversions with Go's semantics, as the PromQL parser uses them:
/// `strconv.ParseInt(s, 0, 64)` falling back to `strconv.ParseFloat(s, 64)`, and
/// `model.ParseDuration`. Error texts are Go's.
enum NumberParsing {
    /// The value of a NUMBER token, or Go's error text.
    static func number(_ text: String) -> Result<Double, NumberError> {
        if let integer = goParseInt(text) { return .success(Double(integer)) }
        return goParseFloat(text)
    }

    struct NumberError: Error { let message: String }

    /// `strconv.ParseInt(s, 0, 64)`: base prefixes 0x/0o/0b, a leading 0 means octal,
    /// underscores allowed between digits. nil when Go would return an error.
    static func goParseInt(_ text: String) -> Int64? {
        var body = Substring(text)
        var radix = 10
        let lower = text.lowercased()
        if lower.hasPrefix("0x") { radix = 16; body = body.dropFirst(2) }
        else if lower.hasPrefix("0o") { radix = 8; body = body.dropFirst(2) }
        else if lower.hasPrefix("0b") { radix = 2; body = body.dropFirst(2) }
        else if text.count > 1 && text.hasPrefix("0") { radix = 8; body = body.dropFirst(1) }
        if text.contains("_") && !underscoreOK(text) { return nil }
        let digits = body.filter { $0 != "_" }
        guard !digits.isEmpty else { return nil }
        return Int64(digits, radix: radix)
    }

    /// `strconv.ParseFloat(s, 64)` for the texts the lexer produces.
    static func goParseFloat(_ text: String) -> Result<Double, NumberError> {
        let syntaxError = NumberError(message: "strconv.ParseFloat: parsing \(GoQuote.quote(text)): invalid syntax")
        switch text.lowercased() {
        case "inf", "+inf", "infinity", "+infinity": return .success(.infinity)
        case "-inf", "-infinity": return .success(-.infinity)
        case "nan": return .success(.nan)
        default: break
        }
        if text.contains("_") && !underscoreOK(text) { return .failure(syntaxError) }
        let cleaned = text.filter { $0 != "_" }
        let lower = cleaned.lowercased()
        // Go's ParseFloat needs a 'p' exponent for hex mantissas.
        if lower.hasPrefix("0x") && !lower.contains("p") { return .failure(syntaxError) }
        guard let value = Double(cleaned) else { return .failure(syntaxError) }
        if value.isInfinite {
            return .failure(NumberError(message: "strconv.ParseFloat: parsing \(GoQuote.quote(text)): value out of range"))
        }
        return .success(value)
    }

    /// Go's `underscoreOK`: underscores only between digits or after a base prefix.
    private static func underscoreOK(_ text: String) -> Bool {
        var saw: Character = "^"
        var chars = Array(text)
        var index = 0
        if chars.count >= 2, chars[0] == "0", "xXbBoO".contains(chars[1]) {
            index = 2
            saw = "0"
        }
        let hex = chars.count >= 2 && (chars[1] == "x" || chars[1] == "X")
        chars = Array(chars[index...])
        for char in chars {
            if char.isASCII && (char.isNumber || (hex && char.isHexDigit)) {
                saw = "0"
                continue
            }
            if char == "_" {
                if saw != "0" { return false }
                saw = "_"
                continue
            }
            if saw == "_" { return false }
            saw = "!"
        }
        return saw != "_"
    }

    /// `model.ParseDuration` in milliseconds (values are whole milliseconds in PromQL),
    /// with its error texts.
    static func duration(_ text: String) -> Result<Int64, NumberError> {
        if text == "0" { return .success(0) }
        if text.isEmpty { return .failure(NumberError(message: "empty duration string")) }
        let units: [(String, Int64)] = [
            ("y", 365 * 86_400_000_000_000), ("w", 7 * 86_400_000_000_000), ("d", 86_400_000_000_000),
            ("h", 3_600_000_000_000), ("m", 60_000_000_000), ("s", 1_000_000_000), ("ms", 1_000_000),
        ]
        let invalid = NumberError(message: "not a valid duration string: \(GoQuote.quote(text))")
        var rest = Substring(text)
        var total: UInt64 = 0
        var lastUnit = -1
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let value = UInt64(digits) else { return .failure(invalid) }
            rest = rest.dropFirst(digits.count)
            let unit = rest.prefix { !($0.isASCII && $0.isNumber) }
            guard !unit.isEmpty else { return .failure(invalid) }
            rest = rest.dropFirst(unit.count)
            guard let unitIndex = units.firstIndex(where: { $0.0 == unit }) else {
                return .failure(NumberError(message: "unknown unit \(GoQuote.quote(String(unit))) in duration \(GoQuote.quote(text))"))
            }
            guard unitIndex > lastUnit else { return .failure(invalid) }
            lastUnit = unitIndex
            let multiplier = UInt64(units[unitIndex].1)
            if value > (UInt64(1) << 63) / multiplier { return .failure(NumberError(message: "duration out of range")) }
            total += value * multiplier
            if total > UInt64(Int64.max) { return .failure(NumberError(message: "duration out of range")) }
        }
        return .success(Int64(total / 1_000_000))
    }
}
