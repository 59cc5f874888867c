import Foundation

/// Building blocks for the incomplete beta and gamma functions. The naive prefactor
/// `exp(a·ln x + b·ln y − ln B(a, b))` loses about |ln B| · ε absolute accuracy, which is
/// 1e-9 relative once a or b reaches 10⁶ (Welch's df on a million values). These helpers
/// follow DiDonato & Morris (ACM TOMS 708, 1992): the large terms of ln Γ are cancelled
/// analytically and only small Stirling corrections are summed.
enum GammaFunctions {
    /// ln √(2π).
    static let lnSqrt2Pi = 0.918938533204672741780329736406
    /// 1 / √(2π).
    static let invSqrt2Pi = 0.398942280401432677939946059934

    /// Coefficients of the Stirling series correction used by `bcorr` and `algdiv` (TOMS 708).
    private static let c0 = 0.833333333333333e-01
    private static let c1 = -0.277777777760991e-02
    private static let c2 = 0.793650666825390e-03
    private static let c3 = -0.595202931351870e-03
    private static let c4 = 0.837308034031215e-03
    private static let c5 = -0.165322962780713e-02

    /// ln Γ(x) for x > 0.
    static func lnGamma(_ x: Double) -> Double { Foundation.lgamma(x) }

    /// x − ln(1 + x), accurate for small |x| where the two terms cancel.
    static func rlog1(_ x: Double) -> Double {
        guard abs(x) < 0.4 else { return x - log1p(x) }
        // ln(1+x) = 2·atanh(r) with r = x/(2+x), and x − 2r = r·x exactly in real arithmetic,
        // so x − ln(1+x) = r·x − 2(r³/3 + r⁵/5 + …) with no cancellation between large terms.
        let r = x / (2 + x)
        let r2 = r * r
        var term = r * r2
        var series = 0.0
        var k = 3.0
        while true {
            let add = term / k
            series += add
            if abs(add) <= abs(series) * 1e-17 { break }
            term *= r2
            k += 2
        }
        return r * x - 2 * series
    }

    /// The Stirling correction δ(a) + δ(b) − δ(a + b), where ln Γ(z) = (z − ½)ln z − z + ln√(2π) + δ(z).
    /// Requires min(a, b) ≥ 8.
    static func bcorr(_ a0: Double, _ b0: Double) -> Double {
        let a = min(a0, b0), b = max(a0, b0)
        let h = a / b
        let c = h / (1 + h)
        let x = 1 / (1 + h)
        let x2 = x * x
        let s3 = 1 + (x + x2)
        let s5 = 1 + (x + x2 * s3)
        let s7 = 1 + (x + x2 * s5)
        let s9 = 1 + (x + x2 * s7)
        let s11 = 1 + (x + x2 * s9)
        var t = (1 / b) * (1 / b)
        var w = ((((c5 * s11 * t + c4 * s9) * t + c3 * s7) * t + c2 * s5) * t + c1 * s3) * t + c0
        w *= c / b
        t = (1 / a) * (1 / a)
        return (((((c5 * t + c4) * t + c3) * t + c2) * t + c1) * t + c0) / a + w
    }

    /// ln(Γ(b) / Γ(a + b)) for b ≥ 8.
    static func algdiv(_ a: Double, _ b: Double) -> Double {
        let h: Double, c: Double, x: Double, d: Double
        if a > b {
            h = b / a; c = 1 / (1 + h); x = h / (1 + h); d = a + (b - 0.5)
        } else {
            h = a / b; c = h / (1 + h); x = 1 / (1 + h); d = b + (a - 0.5)
        }
        let x2 = x * x
        let s3 = 1 + (x + x2)
        let s5 = 1 + (x + x2 * s3)
        let s7 = 1 + (x + x2 * s5)
        let s9 = 1 + (x + x2 * s7)
        let s11 = 1 + (x + x2 * s9)
        let t = (1 / b) * (1 / b)
        var w = ((((c5 * s11 * t + c4 * s9) * t + c3 * s7) * t + c2 * s5) * t + c1 * s3) * t + c0
        w *= c / b
        let u = d * log1p(a / b)
        let v = a * (log(b) - 1)
        return u > v ? (w - v) - u : (w - u) - v
    }

    /// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), accurate when a or b is large.
    static func lnBeta(_ a0: Double, _ b0: Double) -> Double {
        let a = min(a0, b0), b = max(a0, b0)
        if a >= 8 {
            let w = bcorr(a, b)
            let h = a / b
            let c = h / (1 + h)
            let u = -(a - 0.5) * log(c)
            let v = b * log1p(h)
            return u > v
                ? (((-0.5 * log(b) + lnSqrt2Pi) + w) - v) - u
                : (((-0.5 * log(b) + lnSqrt2Pi) + w) - u) - v
        }
        if b >= 8 {
            // Small a, large b: ln Γ(a) is small, and algdiv cancels ln Γ(b) − ln Γ(a + b) analytically.
            return lnGamma(a) + algdiv(a, b)
        }
        // Both below 8: every ln Γ is below 9 in magnitude, so plain differences lose < 1e-14.
        return lnGamma(a) + lnGamma(b) - lnGamma(a + b)
    }

    /// xᵃ yᵇ / B(a, b) with y = 1 − x given separately so that neither loses digits.
    static func betaPrefix(_ a: Double, _ b: Double, _ x: Double, _ y: Double) -> Double {
        if x == 0 || y == 0 { return 0 }
        if min(a, b) >= 8 {
            // TOMS 708 brcomp: expand around the mode x0 = a/(a+b) so the O(a) terms cancel exactly.
            let h: Double, x0: Double, y0: Double, lambda: Double
            if a > b {
                h = b / a; x0 = 1 / (1 + h); y0 = h / (1 + h); lambda = (a + b) * y - b
            } else {
                h = a / b; x0 = h / (1 + h); y0 = 1 / (1 + h); lambda = a - (a + b) * x
            }
            var e = -lambda / a
            let u = abs(e) > 0.6 ? e - log(x / x0) : rlog1(e)
            e = lambda / b
            let v = abs(e) > 0.6 ? e - log(y / y0) : rlog1(e)
            let z = exp(-(a * u + b * v))
            return invSqrt2Pi * (b * x0).squareRoot() * z * exp(-bcorr(a, b))
        }
        let lnx: Double, lny: Double
        if x <= 0.375 {
            lnx = log(x); lny = log1p(-x)
        } else if y > 0.375 {
            lnx = log(x); lny = log(y)
        } else {
            lnx = log1p(-y); lny = log(y)
        }
        return exp(a * lnx + b * lny - lnBeta(a, b))
    }

    /// xᵃ e⁻ˣ / Γ(a), the prefactor of the incomplete gamma function (TOMS 708 rcomp).
    static func gammaPrefix(_ a: Double, _ x: Double) -> Double {
        if x == 0 { return 0 }
        if a < 20 {
            return exp(a * log(x) - x - lnGamma(a))
        }
        let u = x / a
        let t = (1 / a) * (1 / a)
        var t1 = (((0.75 * t - 1) * t + 3.5) * t - 105) / (a * 1260)
        t1 -= a * rlog1(u - 1)
        return invSqrt2Pi * a.squareRoot() * exp(t1)
    }
}
