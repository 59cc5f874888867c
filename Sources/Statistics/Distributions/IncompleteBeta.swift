/// The regularized incomplete beta function I_x(a, b) and its complement, by the continued
/// fraction of Numerical Recipes' `betacf` (modified Lentz) with the TOMS 708 prefactor.
public enum IncompleteBeta {
    /// I_x(a, b) and 1 − I_x(a, b), each accurate to about 1e-14 relative.
    ///
    /// The continued fraction converges fast below the mean, x < (a + 1)/(a + b + 2); above it the
    /// symmetry I_x(a, b) = 1 − I_{1−x}(b, a) is used, and the side that the fraction computed is
    /// returned directly, so a tiny tail probability never comes from a subtraction.
    /// - Parameters:
    ///   - a: first shape, > 0.
    ///   - b: second shape, > 0.
    ///   - x: the point, in [0, 1].
    ///   - y: 1 − x if the caller knows it more accurately than `1 - x` (e.g. t²/(ν + t²)).
    /// - Throws: `StatisticsError.domain` for shapes ≤ 0 or x outside [0, 1].
    public static func regularized(
        a: Double, b: Double, x: Double, y: Double? = nil
    ) throws(StatisticsError) -> (lower: Double, upper: Double) {
        guard a > 0, b > 0, a.isFinite, b.isFinite else { throw .domain("incomplete beta needs a, b > 0 (a = \(a), b = \(b))") }
        guard x >= 0, x <= 1 else { throw .domain("incomplete beta needs 0 ≤ x ≤ 1 (x = \(x))") }
        let y = y ?? (1 - x)
        if x == 0 { return (0, 1) }
        if y == 0 { return (1, 0) }
        if x < (a + 1) / (a + b + 2) {
            let w = GammaFunctions.betaPrefix(a, b, x, y) * (try continuedFraction(a, b, x)) / a
            return (w, 1 - w)
        }
        let w = GammaFunctions.betaPrefix(b, a, y, x) * (try continuedFraction(b, a, y)) / b
        return (1 - w, w)
    }

    /// The continued fraction for I_x(a, b) · a / prefix, evaluated by the modified Lentz method.
    static func continuedFraction(_ a: Double, _ b: Double, _ x: Double) throws(StatisticsError) -> Double {
        let tiny = 1e-300
        let eps = 3e-16
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        // The number of terms grows like √max(a, b); a million-value Welch test needs a few thousand.
        let limit = 10_000 + Int(min(4 * max(a, b).squareRoot(), 1e7))
        var m = 1
        while m <= limit {
            let md = Double(m), m2 = 2 * md
            var aa = md * (b - md) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + md) * (qab + md) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let del = d * c
            h *= del
            if abs(del - 1) <= eps { return h }
            m += 1
        }
        throw .noConvergence(function: "incomplete beta continued fraction (a = \(a), b = \(b), x = \(x))")
    }
}
