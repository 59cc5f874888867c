import Foundation

/// Student's t distribution with `df` degrees of freedom (any real df > 0, as Welch's test needs).
public struct StudentT: Sendable, Equatable {
    /// Degrees of freedom, > 0.
    public let df: Double

    /// - Throws: `StatisticsError.domain` unless df is finite and > 0.
    public init(df: Double) throws(StatisticsError) {
        guard df > 0, df.isFinite else { throw .domain("Student t needs df > 0 (df = \(df))") }
        self.df = df
    }

    /// P(T ≤ t).
    public func cdf(_ t: Double) throws(StatisticsError) -> Double {
        t > 0 ? try sf(-t) : try tail(t)
    }

    /// P(T > t), the survival function.
    public func sf(_ t: Double) throws(StatisticsError) -> Double {
        t > 0 ? try tail(-t) : try 1 - tail(t)
    }

    /// The two-sided p-value P(|T| ≥ |t|), computed as one tail doubled (scipy's convention).
    public func twoSidedP(_ t: Double) throws(StatisticsError) -> Double {
        guard !t.isNaN else { throw .domain("t statistic is NaN") }
        return 2 * (try tail(-abs(t)))
    }

    /// P(T ≤ t) for t ≤ 0: ½ I_x(ν/2, ½) with x = ν/(ν + t²), and 1 − x = t²/(ν + t²) formed directly.
    private func tail(_ t: Double) throws(StatisticsError) -> Double {
        if t == 0 { return 0.5 }
        if t.isInfinite { return 0 }
        let t2 = t * t
        let x: Double, y: Double
        if t2 < df {
            x = df / (df + t2); y = t2 / (df + t2)
        } else {
            // Divide through by t² so that a huge |t| does not overflow ν + t².
            let r = df / t2
            x = r / (1 + r); y = 1 / (1 + r)
        }
        return 0.5 * (try IncompleteBeta.regularized(a: df / 2, b: 0.5, x: x, y: y)).lower
    }

    /// The density at t.
    public func pdf(_ t: Double) -> Double {
        let lnNorm = -0.5 * log(df) - GammaFunctions.lnBeta(df / 2, 0.5)
        return exp(lnNorm - (df + 1) / 2 * log1p(t * t / df))
    }

    /// The quantile: the t with P(T ≤ t) = p.
    ///
    /// Newton's method on the CDF from a bracketed start, falling back to bisection whenever a
    /// step would leave the bracket; converges to a few ulps.
    /// - Throws: `StatisticsError.domain` unless 0 < p < 1.
    public func quantile(_ p: Double) throws(StatisticsError) -> Double {
        guard p > 0, p < 1 else { throw .domain("quantile needs 0 < p < 1 (p = \(p))") }
        if p == 0.5 { return 0 }
        if p < 0.5 { return -(try quantile(1 - p)) }
        let q = 1 - p  // upper tail mass, exact for p ≥ 0.5
        if df == 1 { return tan(Double.pi * (p - 0.5)) }
        if df == 2 { return (2 * p - 1) * (2 / (4 * p * (1 - p))).squareRoot() }
        // Bracket: sf(lo) > q ≥ sf(hi).
        var lo = 0.0, hi = 1.0
        while try sf(hi) > q {
            lo = hi
            hi *= 2
            if hi > 1e300 { throw .noConvergence(function: "Student t quantile bracket") }
        }
        var t = (lo + hi) / 2
        for _ in 0..<200 {
            let f = try sf(t) - q  // decreasing in t
            if f == 0 { return t }
            if f > 0 { lo = t } else { hi = t }
            let density = pdf(t)
            var next = t + f / density
            if !(next > lo && next < hi) || density == 0 { next = (lo + hi) / 2 }
            if abs(next - t) <= 4 * Double.ulpOfOne * abs(next) { return next }
            t = next
        }
        throw .noConvergence(function: "Student t quantile (df = \(df), p = \(p))")
    }
}
