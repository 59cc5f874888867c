/// Standardised effect sizes.
public enum EffectSize {
    /// Cohen's d = (mean_a − mean_b) / s_pooled, with s²_pooled = ((n_a − 1)s²_a + (n_b − 1)s²_b) / (n_a + n_b − 2)
    /// from the sample variances.
    /// - Throws: `.tooFewValues` (each sample needs 2 values), `.nonFinite`, `.constantInput` when
    ///   the pooled deviation is 0.
    public static func cohensD(_ a: [Double], _ b: [Double]) throws(StatisticsError) -> Double {
        guard a.count >= 2 else { throw .tooFewValues(needed: 2, got: a.count) }
        guard b.count >= 2 else { throw .tooFewValues(needed: 2, got: b.count) }
        try a.requireFinite("a")
        try b.requireFinite("b")
        let (ma, va) = try Moments.meanAndVariance(a)
        let (mb, vb) = try Moments.meanAndVariance(b)
        let na = Double(a.count), nb = Double(b.count)
        let pooled = (((na - 1) * va + (nb - 1) * vb) / (na + nb - 2)).squareRoot()
        guard pooled > 0 else { throw .constantInput(input: "both samples") }
        return (ma - mb) / pooled
    }
}
