/// Descriptive statistics of one sample, as numpy computes them: pairwise-summed mean, two-pass
/// sample variance (ddof = 1), linear-interpolation percentiles, and a Student-t 95% interval.
public struct Descriptive: Sendable, Equatable {
    /// The percentiles reported, in order (p25 … p99).
    public static let reportedPercentiles: [Double] = [25, 50, 75, 90, 95, 99]

    /// Number of values.
    public var n: Int
    /// Arithmetic mean (pairwise summation).
    public var mean: Double
    /// Middle value, or the mean of the two middle values.
    public var median: Double
    /// Sample variance, divisor n − 1.
    public var variance: Double
    /// Sample standard deviation, √variance.
    public var standardDeviation: Double
    /// Smallest value.
    public var min: Double
    /// Largest value.
    public var max: Double
    /// Percentiles keyed by q (25, 50, 75, 90, 95, 99).
    public var percentiles: [Double: Double]
    /// 95% confidence interval of the mean.
    public var ci95: ConfidenceInterval

    /// Describes `values`.
    /// - Throws: `.tooFewValues` below 2 values, `.nonFinite` for NaN/inf, `.overflow` when the
    ///   variance of such large values does not fit in a Double.
    public init(_ values: [Double]) throws(StatisticsError) {
        guard values.count >= 2 else { throw .tooFewValues(needed: 2, got: values.count) }
        try values.requireFinite("values")
        n = values.count
        (mean, variance) = try Moments.meanAndVariance(values)
        standardDeviation = variance.squareRoot()
        var lo = values[0], hi = values[0]
        for v in values { lo = Swift.min(lo, v); hi = Swift.max(hi, v) }
        min = lo
        max = hi
        var work = values
        let qs = Self.reportedPercentiles + [50]
        let ps = try work.withUnsafeMutableBufferPointer { buf throws(StatisticsError) in
            try Percentile.ofUnordered(buf, at: qs)
        }
        percentiles = Dictionary(uniqueKeysWithValues: zip(Self.reportedPercentiles, ps))
        median = Self.median(sortedAround: work)
        ci95 = try ConfidenceInterval.forMean(mean: mean, standardDeviation: standardDeviation, n: n)
    }

    /// numpy's median: the middle value, or the mean of the two middle values, of a buffer already
    /// partitioned around its middle.
    private static func median(sortedAround work: [Double]) -> Double {
        let n = work.count
        if n % 2 == 1 { return work[n / 2] }
        // The 50th percentile selection left a[n/2 − 1] and a[n/2] in place.
        let a = work[n / 2 - 1], b = work[n / 2]
        let m = (a + b) / 2
        return m.isFinite ? m : a / 2 + b / 2
    }
}

/// Mean and variance with numpy's arithmetic (pairwise sums, two passes).
enum Moments {
    /// The mean and the sample variance (ddof = 1) of finite `values` (at least 2).
    static func meanAndVariance(_ values: [Double]) throws(StatisticsError) -> (mean: Double, variance: Double) {
        let mean = try Moments.mean(values)
        let ss = values.withUnsafeBufferPointer { buf in
            Summation.pairwise(buf) { let d = $0 - mean; return d * d }
        }
        guard ss.isFinite else { throw .overflow(statistic: "variance") }
        return (mean, ss / Double(values.count - 1))
    }

    /// The arithmetic mean; falls back to a scaled sum when the plain sum overflows.
    static func mean(_ values: [Double]) throws(StatisticsError) -> Double {
        let n = Double(values.count)
        let sum = values.withUnsafeBufferPointer { Summation.pairwise($0) }
        if sum.isFinite { return sum / n }
        let scaled = values.withUnsafeBufferPointer { buf in Summation.pairwise(buf) { $0 / n } }
        guard scaled.isFinite else { throw .overflow(statistic: "mean") }
        return scaled
    }
}
