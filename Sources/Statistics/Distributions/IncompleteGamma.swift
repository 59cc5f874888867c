/// The regularized incomplete gamma functions P(a, x) and Q(a, x) = 1 − P(a, x): the series below
/// x < a + 1, the Legendre continued fraction (modified Lentz) above it, with the TOMS 708 prefactor.
public enum IncompleteGamma {
    /// P(a, x) and Q(a, x), each accurate to about 1e-14 relative; the side the series or fraction
    /// computed is returned directly, so a small upper tail is never the result of a subtraction.
    /// - Throws: `StatisticsError.domain` for a ≤ 0 or x < 0.
    public static func regularized(a: Double, x: Double) throws(StatisticsError) -> (lower: Double, upper: Double) {
        guard a > 0, a.isFinite else { throw .domain("incomplete gamma needs a > 0 (a = \(a))") }
        guard x >= 0, !x.isNaN else { throw .domain("incomplete gamma needs x ≥ 0 (x = \(x))") }
        if x == 0 { return (0, 1) }
        if x == .infinity { return (1, 0) }
        let prefix = GammaFunctions.gammaPrefix(a, x)
        if x < a + 1 {
            let p = prefix * (try series(a, x))
            return (p, 1 - p)
        }
        let q = prefix * (try continuedFraction(a, x))
        return (1 - q, q)
    }

    /// Σ xⁿ / (a (a+1) … (a+n)); P = prefix · this.
    static func series(_ a: Double, _ x: Double) throws(StatisticsError) -> Double {
        var ap = a
        var del = 1 / a
        var sum = del
        let limit = 10_000 + Int(min(10 * a.squareRoot(), 1e7))
        for _ in 0..<limit {
            ap += 1
            del *= x / ap
            sum += del
            if abs(del) < abs(sum) * 1e-17 { return sum }
        }
        throw .noConvergence(function: "incomplete gamma series (a = \(a), x = \(x))")
    }

    /// 1 / (x + 1 − a − 1·(1 − a) / (x + 3 − a − …)); Q = prefix · this.
    static func continuedFraction(_ a: Double, _ x: Double) throws(StatisticsError) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        let limit = 10_000 + Int(min(10 * a.squareRoot(), 1e7))
        var i = 1.0
        while i <= Double(limit) {
            let an = -i * (i - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let del = d * c
            h *= del
            if abs(del - 1) <= 3e-16 { return h }
            i += 1
        }
        throw .noConvergence(function: "incomplete gamma continued fraction (a = \(a), x = \(x))")
    }
}
