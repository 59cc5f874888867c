import Foundation

/// Element-wise float functions (`simpleFloatFunc` users in `promql/functions.go`).
enum MathFunctions {
    static let elementwise: [String: @Sendable (Double) -> Double] = [
        "abs": { Swift.abs($0) },
        "ceil": { $0.rounded(.up) },
        "floor": { $0.rounded(.down) },
        "exp": { Foundation.exp($0) },
        "sqrt": { $0.squareRoot() },
        "ln": { Foundation.log($0) },
        "log2": { Foundation.log2($0) },
        "log10": { Foundation.log10($0) },
        "sin": { Foundation.sin($0) },
        "cos": { Foundation.cos($0) },
        "tan": { Foundation.tan($0) },
        "asin": { Foundation.asin($0) },
        "acos": { Foundation.acos($0) },
        "atan": { Foundation.atan($0) },
        "sinh": { Foundation.sinh($0) },
        "cosh": { Foundation.cosh($0) },
        "tanh": { Foundation.tanh($0) },
        "asinh": { Foundation.asinh($0) },
        "acosh": { Foundation.acosh($0) },
        "atanh": { Foundation.atanh($0) },
        "rad": { $0 * Double.pi / 180 },
        "deg": { $0 * 180 / Double.pi },
        "sgn": { $0 < 0 ? -1 : ($0 > 0 ? 1 : $0) },
    ]

    /// `round(v, toNearest)`: half away from... up, as Go's `math.Floor(f*inv+0.5)/inv`.
    static func round(_ value: Double, toNearest: Double) -> Double {
        let inverse = 1.0 / toNearest
        return (value * inverse + 0.5).rounded(.down) / inverse
    }

    /// Go's `math.Mod` (result has the sign of the dividend), which `fmod` matches.
    static func mod(_ a: Double, _ b: Double) -> Double { fmod(a, b) }

    /// Go's `math.Pow`, which agrees with C `pow` on the special cases PromQL hits.
    static func pow(_ a: Double, _ b: Double) -> Double { Foundation.pow(a, b) }

    static func atan2(_ a: Double, _ b: Double) -> Double { Foundation.atan2(a, b) }

    /// Go's `math.Max`: NaN wins, +Inf wins, +0 beats -0.
    static func goMax(_ a: Double, _ b: Double) -> Double {
        if a.isInfinite && a > 0 || b.isInfinite && b > 0 { return .infinity }
        if a.isNaN || b.isNaN { return .nan }
        if a == 0 && b == 0 { return a.sign == .minus ? b : a }
        return a > b ? a : b
    }

    /// Go's `math.Min`: NaN wins, -Inf wins, -0 beats +0.
    static func goMin(_ a: Double, _ b: Double) -> Double {
        if a.isInfinite && a < 0 || b.isInfinite && b < 0 { return -.infinity }
        if a.isNaN || b.isNaN { return .nan }
        if a == 0 && b == 0 { return a.sign == .minus ? a : b }
        return a < b ? a : b
    }
}
