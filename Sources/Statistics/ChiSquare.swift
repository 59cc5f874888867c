/// Pearson's chi-square test of independence on an r × c contingency table, as
/// `scipy.stats.chi2_contingency`: expected counts from the margins, Yates' continuity
/// correction when there is exactly one degree of freedom (a 2 × 2 table) unless turned off.
public struct ChiSquareTest: Sendable, Equatable {
    /// The statistic Σ (O − E)² / E (after the correction, if applied).
    public var chi2: Double
    /// Degrees of freedom, (r − 1)(c − 1).
    public var dof: Int
    /// P(χ²_dof > chi2); 1 when dof is 0.
    public var pValue: Double
    /// Expected counts under independence, row by row.
    public var expected: [[Double]]
    /// Whether Yates' correction was applied.
    public var corrected: Bool

    /// Tests `observed` (rows of equal length, counts ≥ 0).
    /// - Parameter correction: apply Yates' correction when dof = 1 (scipy's default, `true`).
    /// - Throws: `.invalidTable` for an empty or ragged table, a negative count or a zero expected
    ///   count (a row or column that sums to 0); `.nonFinite` for NaN/inf.
    public init(_ observed: [[Double]], correction: Bool = true) throws(StatisticsError) {
        let rows = observed.count
        guard rows > 0, let cols = observed.first?.count, cols > 0 else { throw .invalidTable("the table is empty") }
        for (i, row) in observed.enumerated() {
            guard row.count == cols else { throw .invalidTable("row \(i + 1) has \(row.count) cells, row 1 has \(cols)") }
            try row.requireFinite("row \(i + 1)")
            if let j = row.firstIndex(where: { $0 < 0 }) {
                throw .invalidTable("row \(i + 1), column \(j + 1) is negative (\(row[j]))")
            }
        }
        let flat = observed.flatMap { $0 }
        let total = flat.withUnsafeBufferPointer { Summation.pairwise($0) }
        let rowSums = observed.map { r in r.withUnsafeBufferPointer { Summation.pairwise($0) } }
        let colSums = (0..<cols).map { j in observed.map { $0[j] }.withUnsafeBufferPointer { Summation.pairwise($0) } }
        let expected = rowSums.map { r in colSums.map { c in r * c / total } }
        for (i, row) in expected.enumerated() {
            if let j = row.firstIndex(of: 0) {
                throw .invalidTable("the expected count at row \(i + 1), column \(j + 1) is zero (its row or column sums to 0)")
            }
        }
        self.expected = expected
        dof = (rows - 1) * (cols - 1)
        guard dof > 0 else {
            chi2 = 0
            pValue = 1
            corrected = false
            return
        }
        corrected = correction && dof == 1
        var terms: [Double] = []
        terms.reserveCapacity(rows * cols)
        for i in 0..<rows {
            for j in 0..<cols {
                var o = observed[i][j]
                let e = expected[i][j]
                if corrected {
                    // Move each count half a unit toward its expectation, never past it.
                    let diff = e - o
                    o += Swift.min(0.5, abs(diff)) * (diff > 0 ? 1 : diff < 0 ? -1 : 0)
                }
                terms.append((o - e) * (o - e) / e)
            }
        }
        chi2 = terms.withUnsafeBufferPointer { Summation.pairwise($0) }
        guard chi2.isFinite else { throw .overflow(statistic: "chi-square") }
        pValue = try ChiSquared(df: Double(dof)).sf(chi2)
    }
}
