/// Which way a metric is moving, judged by the slope of its least-squares line.
public enum Trend: String, Sendable, CaseIterable {
    case improving = "IMPROVING"
    case declining = "DECLINING"
    case stable = "STABLE"

    /// IMPROVING or DECLINING when the slope differs from zero at p < `alpha`, by its sign and
    /// whether higher values of the metric are better; STABLE otherwise (including an undefined p).
    public init(slope: Double, pValue: Double?, higherIsBetter: Bool, alpha: Double = 0.05) {
        guard let p = pValue, p < alpha, slope != 0 else { self = .stable; return }
        self = (slope > 0) == higherIsBetter ? .improving : .declining
    }
}

/// Ordinary least-squares line y = intercept + slope·x, as `scipy.stats.linregress` computes it.
public struct Regression: Sendable, Equatable {
    /// Number of (x, y) pairs.
    public var n: Int
    /// Change in y per unit of x.
    public var slope: Double
    /// y at x = 0.
    public var intercept: Double
    /// Pearson's r; `nil` when y is constant (the fit is exact and r is 0/0).
    public var r: Double?
    /// r², the share of y's variance the line explains; `nil` when y is constant.
    public var rSquared: Double? { r.map { $0 * $0 } }
    /// Two-sided p-value of the slope (Wald t test, n − 2 df); for n = 2, 1 if y₀ = y₁ else 0
    /// (scipy's convention); `nil` when y is constant and n > 2.
    public var pValue: Double?

    /// Fits y on x.
    /// - Throws: `.lengthMismatch`, `.tooFewValues` (n < 2), `.nonFinite`, `.constantInput` when every x is equal.
    public init(x: [Double], y: [Double]) throws(StatisticsError) {
        guard x.count == y.count else { throw .lengthMismatch(x: x.count, y: y.count) }
        guard x.count >= 2 else { throw .tooFewValues(needed: 2, got: x.count) }
        try x.requireFinite("x")
        try y.requireFinite("y")
        if x.allSatisfy({ $0 == x[0] }) { throw .constantInput(input: "x") }
        n = x.count
        let xmean = try Moments.mean(x), ymean = try Moments.mean(y)
        // np.cov(x, y, bias=1): centred cross products, scaled by 1/n.
        let f = 1 / Double(n)
        let (sxx, sxy, syy) = x.withUnsafeBufferPointer { a in
            y.withUnsafeBufferPointer { b in
                (Summation.pairwise(a) { ($0 - xmean) * ($0 - xmean) } * f,
                 Summation.pairwise(a, b) { ($0 - xmean) * ($1 - ymean) } * f,
                 Summation.pairwise(b) { ($0 - ymean) * ($0 - ymean) } * f)
            }
        }
        guard sxx.isFinite, sxy.isFinite, syy.isFinite else { throw .overflow(statistic: "regression sums of squares") }
        slope = sxy / sxx
        intercept = ymean - slope * xmean
        if syy == 0 {
            r = nil
            pValue = n == 2 ? 1 : nil
            return
        }
        let product = sxx * syy
        // √(sxx·syy) as scipy when the product fits; otherwise take the roots apart.
        var rv = product.isFinite && product > 0 ? sxy / product.squareRoot() : sxy / (sxx.squareRoot() * syy.squareRoot())
        rv = Swift.min(Swift.max(rv, -1), 1)
        r = rv
        if n == 2 {
            pValue = y[0] == y[1] ? 1 : 0
            return
        }
        // scipy adds TINY so that r = ±1 gives a huge finite t rather than a division by zero.
        let tiny = 1.0e-20
        let df = Double(n - 2)
        let t = rv * (df / ((1 - rv + tiny) * (1 + rv + tiny))).squareRoot()
        pValue = try StudentT(df: df).twoSidedP(t)
    }

    /// The trend this fit shows for a metric where higher values are better (or worse).
    public func trend(higherIsBetter: Bool, alpha: Double = 0.05) -> Trend {
        Trend(slope: slope, pValue: pValue, higherIsBetter: higherIsBetter, alpha: alpha)
    }
}
