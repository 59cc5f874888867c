import Statistics

/// What one analysis computed from its sample: the figures the statistics source exports.
///
/// `n` is the sample size the analysis is judged by: the number of values (describe,
/// outliers), of complete pairs (correlation, trend), the smaller group (ab_test: both
/// groups need `min_samples`), or the total count of the table (chisq). Below
/// `min_samples` nothing but `n` is computed, so no statistic of a too-small sample exists
/// to be exported.
struct AnalysisResult: Sendable, Equatable {
    /// Outlier counts of one method.
    /// One descriptive statistic, named as `binwatch analyze describe` names it.
    struct Figure: Sendable, Equatable {
        var statistic: String
        var value: Double
    }

    struct OutlierCounts: Sendable, Equatable {
        var method: OutlierMethod
        var bySeverity: [OutlierSeverity: Int]
    }

    var n: Double
    /// False when `n` < `min_samples`: every field below is nil or empty.
    var enoughSamples: Bool
    /// describe: `statistic` label → value, in the order of issue 7's JSON fields.
    var descriptive: [Figure] = []
    /// outliers: per method, every severity present.
    var outliers: [OutlierCounts] = []
    /// outliers: observations at least one method calls SEVERE or EXTREME, each counted once.
    var criticalOutliers: Int?
    var pearson: Double?
    var spearman: Double?
    var slope: Double?
    var trend: Trend?
    /// ab_test: Cohen's d (a − b, pooled standard deviation).
    var effectSize: Double?
    /// The p-value behind `statistical_analysis_significant`: Pearson's (correlation), the
    /// slope's (trend), Welch's (ab_test), chi-square's (chisq).
    var pValue: Double?
    /// Whether the kind has a p-value at all (then `significant` is exported, 0 when unknown).
    var hasPValue: Bool

    /// n ≥ 30 and p < 0.05 (issue 7); a missing p-value is not significant.
    var significant: Bool {
        guard enoughSamples, n >= 30, let p = pValue else { return false }
        return p < 0.05
    }

    /// Computes `kind`'s statistics on `sample`.
    /// - Throws: `StatisticsError` when the statistic is undefined for this sample (constant
    ///   input, zero spread) — never a NaN in its place.
    static func compute(
        _ kind: StatisticsAnalysis.Kind, sample: AnalysisSample, minSamples: Int
    ) throws(StatisticsError) -> AnalysisResult {
        let n: Double
        switch sample {
        case .values(let v): n = Double(v.count)
        case .pairs(let x, _): n = Double(x.count)
        case .groups(let a, let b): n = Double(Swift.min(a.count, b.count))
        case .table(_, _, let counts): n = counts.joined().reduce(0, +)
        }
        var result = AnalysisResult(n: n, enoughSamples: n >= Double(minSamples), hasPValue: kind.hasPValue)
        guard result.enoughSamples else { return result }
        switch (kind, sample) {
        case (.describe, .values(let values)):
            let d = try Descriptive(values)
            let named: [(String, Double)] = [
                ("mean", d.mean), ("median", d.median), ("stddev", d.standardDeviation), ("variance", d.variance),
                ("min", d.min), ("max", d.max),
            ] + Descriptive.reportedPercentiles.map { q in ("p\(Int(q))", d.percentiles[q] ?? .nan) }
                + [("ci95_low", d.ci95.low), ("ci95_high", d.ci95.high)]
            result.descriptive = named.map { Figure(statistic: $0.0, value: $0.1) }
        case (.outliers(_, let methods), .values(let values)):
            var critical = Set<Int>()
            for method in methods {
                let report = try OutlierReport(values, method: method)
                var counts = Dictionary(uniqueKeysWithValues: OutlierSeverity.allCases.map { ($0, 0) })
                for outlier in report.outliers {
                    counts[outlier.severity, default: 0] += 1
                    if outlier.severity.isCritical { critical.insert(outlier.index) }
                }
                result.outliers.append(OutlierCounts(method: method, bySeverity: counts))
            }
            result.criticalOutliers = critical.count
        case (.correlation, .pairs(let x, let y)):
            let pearson = try Correlation.pearson(x, y)
            result.pearson = pearson.coefficient
            result.spearman = try Correlation.spearman(x, y).coefficient
            result.pValue = pearson.pValue
        case (.trend(_, _, _, let higherIsBetter), .pairs(let x, let y)):
            let fit = try Regression(x: x, y: y)
            result.slope = fit.slope
            result.pValue = fit.pValue
            result.trend = fit.trend(higherIsBetter: higherIsBetter)
        case (.abTest, .groups(let a, let b)):
            let test = try WelchTTest(a, b)
            result.pValue = test.pValue
            result.effectSize = try EffectSize.cohensD(a, b)
        case (.chisq(_, _, _, _, let correction), .table(let groups, let outcomes, let counts)):
            // A 1 × k table has no degrees of freedom: there is nothing to test.
            guard groups.count >= 2 else { throw .invalidTable("the group column has \(groups.count) distinct value(s); at least 2 are needed") }
            guard outcomes.count >= 2 else { throw .invalidTable("the outcome column has \(outcomes.count) distinct value(s); at least 2 are needed") }
            result.pValue = try ChiSquareTest(counts, correction: correction).pValue
        default:
            // AnalysisSample.read gives each kind its own shape; reported rather than trapped.
            throw .domain("the sample read does not fit analysis kind \(kind.name)")
        }
        try result.requireFinite()
        return result
    }

    /// The Statistics module never returns NaN or infinity; checked again here because a
    /// metric must never carry one.
    private func requireFinite() throws(StatisticsError) {
        let numbers = descriptive.map(\.value) + [pearson, spearman, slope, effectSize, pValue].compactMap { $0 }
        if let bad = numbers.firstIndex(where: { !$0.isFinite }) {
            throw .overflow(statistic: "result \(bad) (\(numbers[bad]))")
        }
    }
}
