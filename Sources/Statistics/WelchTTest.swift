/// Welch's unequal-variance t test of two independent samples, as
/// `scipy.stats.ttest_ind(a, b, equal_var=False)`.
public struct WelchTTest: Sendable, Equatable {
    /// t = (mean_a − mean_b) / √(s²_a/n_a + s²_b/n_b).
    public var t: Double
    /// Welch–Satterthwaite degrees of freedom (not an integer in general).
    public var df: Double
    /// Two-sided p-value.
    public var pValue: Double
    /// Mean of sample A.
    public var meanA: Double
    /// Mean of sample B.
    public var meanB: Double
    /// Size of sample A.
    public var nA: Int
    /// Size of sample B.
    public var nB: Int

    /// Tests whether samples `a` and `b` have the same mean.
    /// - Throws: `.tooFewValues` (each sample needs 2 values), `.nonFinite`, `.constantInput` when
    ///   both samples have zero variance (t is then 0/0 or ±∞).
    public init(_ a: [Double], _ b: [Double]) throws(StatisticsError) {
        guard a.count >= 2 else { throw .tooFewValues(needed: 2, got: a.count) }
        guard b.count >= 2 else { throw .tooFewValues(needed: 2, got: b.count) }
        try a.requireFinite("a")
        try b.requireFinite("b")
        let (ma, va) = try Moments.meanAndVariance(a)
        let (mb, vb) = try Moments.meanAndVariance(b)
        let na = Double(a.count), nb = Double(b.count)
        let vna = va / na, vnb = vb / nb
        guard vna + vnb > 0 else { throw .constantInput(input: "both samples") }
        df = (vna + vnb) * (vna + vnb) / (vna * vna / (na - 1) + vnb * vnb / (nb - 1))
        t = (ma - mb) / (vna + vnb).squareRoot()
        guard t.isFinite, df.isFinite else { throw .overflow(statistic: "Welch t") }
        pValue = try StudentT(df: df).twoSidedP(t)
        meanA = ma
        meanB = mb
        nA = a.count
        nB = b.count
    }
}
