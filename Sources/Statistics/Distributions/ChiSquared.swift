/// The chi-squared distribution with `df` degrees of freedom.
public struct ChiSquared: Sendable, Equatable {
    /// Degrees of freedom, > 0.
    public let df: Double

    /// - Throws: `StatisticsError.domain` unless df is finite and > 0.
    public init(df: Double) throws(StatisticsError) {
        guard df > 0, df.isFinite else { throw .domain("chi-squared needs df > 0 (df = \(df))") }
        self.df = df
    }

    /// P(X ≤ x) = P(df/2, x/2).
    public func cdf(_ x: Double) throws(StatisticsError) -> Double {
        x <= 0 ? 0 : try IncompleteGamma.regularized(a: df / 2, x: x / 2).lower
    }

    /// P(X > x) = Q(df/2, x/2), the p-value of a chi-square statistic.
    public func sf(_ x: Double) throws(StatisticsError) -> Double {
        x <= 0 ? 1 : try IncompleteGamma.regularized(a: df / 2, x: x / 2).upper
    }
}
