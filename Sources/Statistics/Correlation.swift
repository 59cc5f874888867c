/// A correlation coefficient with its two-sided p-value against the null of no correlation.
public struct CorrelationResult: Sendable, Equatable {
    /// The coefficient, in [−1, 1].
    public var coefficient: Double
    /// Two-sided p-value; `nil` where it is undefined (Spearman with n = 2 has no degrees of freedom).
    public var pValue: Double?
}

/// Pearson and Spearman correlation, computed as scipy.stats does.
public enum Correlation {
    /// Pearson's r and its p-value from the exact null distribution of r (a beta on [−1, 1] with
    /// a = b = n/2 − 1, equivalent to the t test with n − 2 df), as `scipy.stats.pearsonr`.
    /// For n = 2, r is exactly ±1 and p = 1.
    /// - Throws: `.lengthMismatch`, `.tooFewValues` (n < 2), `.nonFinite`, `.constantInput`.
    public static func pearson(_ x: [Double], _ y: [Double]) throws(StatisticsError) -> CorrelationResult {
        try validatePairs(x, y)
        let n = x.count
        // scipy: centre, scale each vector to unit norm (guarding the norm against overflow), dot.
        let ux = try unitCentred(x, "x"), uy = try unitCentred(y, "y")
        var r = ux.withUnsafeBufferPointer { a in uy.withUnsafeBufferPointer { b in Summation.pairwise(a, b) { $0 * $1 } } }
        r = Swift.min(Swift.max(r, -1), 1)
        if n == 2 { return CorrelationResult(coefficient: r.rounded(), pValue: 1) }
        let ab = Double(n) / 2 - 1
        let xb = (abs(r) + 1) / 2
        let tail = try IncompleteBeta.regularized(a: ab, b: ab, x: xb, y: 1 - xb).upper
        return CorrelationResult(coefficient: r, pValue: Swift.min(2 * tail, 1))
    }

    /// Spearman's ρ (Pearson's r of the average ranks, as `np.corrcoef` computes it) and the p-value
    /// of `scipy.stats.spearmanr`: t = ρ·√((n − 2)/((1 + ρ)(1 − ρ))) against Student's t with n − 2 df.
    /// - Throws: `.lengthMismatch`, `.tooFewValues` (n < 2), `.nonFinite`, `.constantInput`.
    public static func spearman(_ x: [Double], _ y: [Double]) throws(StatisticsError) -> CorrelationResult {
        try validatePairs(x, y)
        let n = x.count
        let rx = Ranking.averageRanks(x), ry = Ranking.averageRanks(y)
        // Ranks are small integers or halves: their mean is (n + 1)/2 exactly, every deviation exact.
        let centre = Double(n + 1) / 2
        let (sxy, sxx, syy) = rx.withUnsafeBufferPointer { a in
            ry.withUnsafeBufferPointer { b in
                (Summation.pairwise(a, b) { ($0 - centre) * ($1 - centre) },
                 Summation.pairwise(a) { ($0 - centre) * ($0 - centre) },
                 Summation.pairwise(b) { ($0 - centre) * ($0 - centre) })
            }
        }
        // np.cov scales by 1/(n − 1); np.corrcoef divides by each standard deviation in turn.
        let f = 1 / Double(n - 1)
        var rho = ((sxy * f) / (sxx * f).squareRoot()) / (syy * f).squareRoot()
        rho = Swift.min(Swift.max(rho, -1), 1)
        let dof = Double(n - 2)
        guard dof > 0 else { return CorrelationResult(coefficient: rho, pValue: nil) }
        let denominator = (rho + 1) * (1 - rho)
        if denominator == 0 { return CorrelationResult(coefficient: rho, pValue: 0) }
        let t = rho * Swift.max(dof / denominator, 0).squareRoot()
        return CorrelationResult(coefficient: rho, pValue: try StudentT(df: dof).twoSidedP(t))
    }

    static func validatePairs(_ x: [Double], _ y: [Double]) throws(StatisticsError) {
        guard x.count == y.count else { throw .lengthMismatch(x: x.count, y: y.count) }
        guard x.count >= 2 else { throw .tooFewValues(needed: 2, got: x.count) }
        try x.requireFinite("x")
        try y.requireFinite("y")
        if x.allSatisfy({ $0 == x[0] }) { throw .constantInput(input: "x") }
        if y.allSatisfy({ $0 == y[0] }) { throw .constantInput(input: "y") }
    }

    /// (v − mean) / ‖v − mean‖, the norm taken after dividing by the largest |deviation| so that
    /// squares of values near 1e200 do not overflow.
    private static func unitCentred(_ v: [Double], _ name: String) throws(StatisticsError) -> [Double] {
        let mean = try Moments.mean(v)
        var centred = v.map { $0 - mean }
        let largest = centred.reduce(0) { Swift.max($0, abs($1)) }
        guard largest.isFinite else { throw .overflow(statistic: "deviation of \(name) from its mean") }
        guard largest > 0 else { throw .constantInput(input: name) }
        let norm = largest * centred.withUnsafeBufferPointer { b in Summation.pairwise(b) { ($0 / largest) * ($0 / largest) } }.squareRoot()
        for i in centred.indices { centred[i] /= norm }
        return centred
    }
}
