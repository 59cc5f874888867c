/// A two-sided confidence interval for the mean, from Student's t: mean ± t(1 − α/2, n − 1) · s/√n.
public struct ConfidenceInterval: Sendable, Equatable {
    /// Lower bound.
    public var low: Double
    /// Upper bound.
    public var high: Double
    /// Confidence level, e.g. 0.95.
    public var level: Double

    /// The interval for a sample of size `n` with the given mean and sample standard deviation.
    /// - Throws: `.tooFewValues` for n < 2, `.domain` for a level outside (0, 1).
    public static func forMean(
        mean: Double, standardDeviation s: Double, n: Int, level: Double = 0.95
    ) throws(StatisticsError) -> ConfidenceInterval {
        guard n >= 2 else { throw .tooFewValues(needed: 2, got: n) }
        guard level > 0, level < 1 else { throw .domain("confidence level must be within (0, 1) (got \(level))") }
        let t = try StudentT(df: Double(n - 1)).quantile(1 - (1 - level) / 2)
        let half = t * (s / Double(n).squareRoot())
        return ConfidenceInterval(low: mean - half, high: mean + half, level: level)
    }
}
