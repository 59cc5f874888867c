#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension GoFloat {
    /// Parses `text` as expfmt's `parseFloat` does: Go's `strconv.ParseFloat(s, 64)` syntax
    /// (`NaN`, `Inf`, `+Infinity` case-insensitively, decimal with optional exponent),
    /// without hex floats or `_` separators. Returns nil for invalid text and for values out
    /// of range (`1e400`), which Go also rejects; underflow gives 0 as in Go.
    public static func parse(_ text: String) -> Double? {
        var copy = text
        return copy.withUTF8 { parse($0[...]) }
    }

    /// The same on a slice of UTF-8 bytes (the parser's hot path: no String is made).
    static func parse(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Double? {
        var i = bytes.startIndex
        let end = bytes.endIndex
        guard i < end else { return nil }
        var negative = false
        var hasSign = false
        if bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
            negative = bytes[i] == UInt8(ascii: "-")
            hasSign = true
            i += 1
            guard i < end else { return nil }
        }
        let first = bytes[i] | 0x20  // ASCII lower-case
        if first == UInt8(ascii: "i") || first == UInt8(ascii: "n") {
            return special(bytes[i...], negative: negative, hasSign: hasSign)
        }
        // Decimal: digits [. digits] [e [sign] digits], at least one mantissa digit.
        var mantissa: UInt64 = 0
        var significant = 0  // digits accumulated into `mantissa`
        var dropped = false  // more than 19 significant digits: let strtod round
        var exponent = 0  // decimal exponent adjustment from the point and dropped digits
        var sawDigit = false
        var sawPoint = false
        while i < end {
            let b = bytes[i]
            if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                sawDigit = true
                if mantissa == 0 && b == UInt8(ascii: "0") {
                    if sawPoint { exponent -= 1 }
                } else if significant < 19 {
                    mantissa = mantissa * 10 + UInt64(b - UInt8(ascii: "0"))
                    significant += 1
                    if sawPoint { exponent -= 1 }
                } else {
                    dropped = true
                    if !sawPoint { exponent += 1 }
                }
            } else if b == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else {
                break
            }
            i += 1
        }
        guard sawDigit else { return nil }
        if i < end {
            guard bytes[i] | 0x20 == UInt8(ascii: "e") else { return nil }
            i += 1
            var expNegative = false
            if i < end && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) {
                expNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var value = 0
            var expDigits = 0
            while i < end, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
                // Saturate: anything this large over/underflows anyway.
                if value < 100_000 { value = value * 10 + Int(bytes[i] - UInt8(ascii: "0")) }
                expDigits += 1
                i += 1
            }
            guard expDigits > 0, i == end else { return nil }
            exponent += expNegative ? -value : value
        }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        // Clinger's fast path: both operands exact, so one IEEE operation rounds correctly.
        if !dropped, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            let m = Double(mantissa)
            let result = exponent >= 0 ? m * powersOfTen[exponent] : m / powersOfTen[-exponent]
            return negative ? -result : result
        }
        return slowParse(bytes)
    }

    private static let powersOfTen: [Double] = (0...22).map { p in
        var v = 1.0
        for _ in 0..<p { v *= 10 }
        return v
    }

    /// `inf`, `infinity`, `nan` (case-insensitive); Go allows a sign on infinities only.
    private static func special(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, negative: Bool, hasSign: Bool) -> Double? {
        var lower: [UInt8] = []
        for b in bytes {
            lower.append(b | 0x20)
            if lower.count > 8 { return nil }
        }
        switch String(decoding: lower, as: UTF8.self) {
        case "inf", "infinity": return negative ? -.infinity : .infinity
        case "nan" where !hasSign: return .nan
        default: return nil
        }
    }

    /// Correctly rounded conversion by the C library for the rare long or large inputs;
    /// the syntax was already checked to be Go's.
    private static func slowParse(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Double? {
        let count = bytes.count
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buffer -> Double? in
            for (offset, byte) in bytes.enumerated() { buffer[offset] = CChar(bitPattern: byte) }
            buffer[count] = 0
            guard let base = buffer.baseAddress else { return nil }
            let value = strtod(base, nil)
            // Overflow is a range error in Go ("value out of range"), not +Inf.
            return value.isInfinite ? nil : value
        }
    }
}
