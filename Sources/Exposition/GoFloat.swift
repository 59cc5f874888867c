/// Float spelling and parsing exactly as Prometheus's Go code does it.
///
/// Writing follows `strconv.FormatFloat(f, 'g', -1, 64)` (what expfmt writes): the shortest
/// decimal that round-trips, in exponent form when the decimal exponent is < -4 or >= 6
/// (Go sets `eprec = 6` for shortest formatting; the threshold 21 belongs to `fmt`'s `%v`),
/// with at least two exponent digits: `1e+06`, `123456`, `1.5e-07`, `0.0001`.
/// Special values are `NaN`, `+Inf`, `-Inf`, as expfmt writes them.
///
/// Parsing follows expfmt's `parseFloat`: Go's `strconv.ParseFloat` minus any text holding
/// `p`, `P` or `_` (no hex floats, no digit separators).
public enum GoFloat {
    /// The Go spelling of `value` (`strconv.FormatFloat(value, 'g', -1, 64)`, with
    /// `NaN`, `+Inf`, `-Inf` for the special values).
    public static func format(_ value: Double) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(24)
        append(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the Go spelling of `value` to `out`.
    public static func append(_ value: Double, to out: inout [UInt8]) {
        if value.isNaN { out.append(contentsOf: "NaN".utf8); return }
        if value.isInfinite { out.append(contentsOf: (value < 0 ? "-Inf" : "+Inf").utf8); return }
        if value.sign == .minus { out.append(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        if magnitude == 0 { out.append(UInt8(ascii: "0")); return }
        var digits: [UInt8] = []
        digits.reserveCapacity(20)
        var pointPosition: Int  // decimal point after this many digits: value = 0.d1d2… × 10^pointPosition
        if magnitude < 1e15, magnitude == magnitude.rounded(.towardZero) {
            // Integers below 2^53 print exactly; the fast path avoids `description`.
            var n = UInt64(magnitude)
            while n > 0 { digits.append(UInt8(ascii: "0") + UInt8(n % 10)); n /= 10 }
            digits.reverse()
            pointPosition = digits.count
        } else {
            // Swift's `description` is also the shortest round-trip decimal; only its layout differs.
            (digits, pointPosition) = shortestDigits(of: magnitude)
        }
        while digits.count > 1, digits.last == UInt8(ascii: "0") { digits.removeLast() }
        layOut(digits: digits, pointPosition: pointPosition, to: &out)
    }

    /// Go's `%e`/`%f` choice for shortest `'g'` (`strconv/ftoa.go`: `if shortest { eprec = 6 }`).
    private static func layOut(digits: [UInt8], pointPosition: Int, to out: inout [UInt8]) {
        let exponent = pointPosition - 1
        if exponent < -4 || exponent >= 6 {
            out.append(digits[0])
            if digits.count > 1 {
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: digits[1...])
            }
            out.append(UInt8(ascii: "e"))
            out.append(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            let e = exponent.magnitude
            if e < 10 { out.append(UInt8(ascii: "0")) }
            out.append(contentsOf: String(e).utf8)
            return
        }
        if pointPosition <= 0 {
            out.append(contentsOf: "0.".utf8)
            for _ in 0 ..< -pointPosition { out.append(UInt8(ascii: "0")) }
            out.append(contentsOf: digits)
        } else if pointPosition >= digits.count {
            out.append(contentsOf: digits)
            for _ in 0 ..< (pointPosition - digits.count) { out.append(UInt8(ascii: "0")) }
        } else {
            out.append(contentsOf: digits[..<pointPosition])
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits[pointPosition...])
        }
    }

    /// Significant digits (no leading zeros) and point position of Swift's shortest
    /// round-trip `description` of a finite positive value.
    private static func shortestDigits(of value: Double) -> ([UInt8], Int) {
        var digits: [UInt8] = []
        var beforePoint = 0
        var seenPoint = false
        var exponent = 0
        var exponentSign = 1
        var inExponent = false
        for byte in value.description.utf8 {
            switch byte {
            case UInt8(ascii: "0") ... UInt8(ascii: "9") where inExponent:
                exponent = exponent * 10 + Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "0") ... UInt8(ascii: "9"):
                if digits.isEmpty && byte == UInt8(ascii: "0") {
                    // A leading zero after the point shifts the point left.
                    if seenPoint { beforePoint -= 1 }
                    continue
                }
                digits.append(byte)
                if !seenPoint { beforePoint += 1 }
            case UInt8(ascii: "."): seenPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            case UInt8(ascii: "-") where inExponent: exponentSign = -1
            default: break
            }
        }
        return (digits, beforePoint + exponentSign * exponent)
    }
}
