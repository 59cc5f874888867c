/// The metric names of the statistics source, and how its results become families.
///
/// Every series carries the analysis' `labels`. Statistics of an analysis whose sample is
/// below `min_samples`, or whose statistic is undefined, are absent, never 0 or NaN.
public enum StatisticsMetrics {
    /// `statistical_analysis_sample_size{analysis}`: n as `AnalysisResult` defines it.
    public static let sampleSize = "statistical_analysis_sample_size"
    /// `statistical_analysis_descriptive{analysis,statistic}` (describe).
    public static let descriptive = "statistical_analysis_descriptive"
    /// `statistical_analysis_outlier_count{analysis,method,severity}`, every severity present.
    public static let outlierCount = "statistical_analysis_outlier_count"
    /// `statistical_analysis_critical_outlier_count{analysis}`: observations that at least one
    /// configured method calls SEVERE or EXTREME, each counted once.
    public static let criticalOutlierCount = "statistical_analysis_critical_outlier_count"
    /// `correlation_analysis_pearson_coefficient{feature_x,feature_y}`.
    public static let pearson = "correlation_analysis_pearson_coefficient"
    /// `correlation_analysis_spearman_coefficient{feature_x,feature_y}`.
    public static let spearman = "correlation_analysis_spearman_coefficient"
    /// `ab_test_p_value{test}` (ab_test: Welch; chisq: chi-square).
    public static let abTestPValue = "ab_test_p_value"
    /// `ab_test_effect_size{test}`: Cohen's d of a against b (ab_test).
    public static let abTestEffectSize = "ab_test_effect_size"
    /// `trend_slope{metric}`: change of the value per unit of x.
    public static let trendSlope = "trend_slope"
    /// `trend_direction{metric}`: 1 IMPROVING, 0 STABLE, −1 DECLINING (p < 0.05, higher_is_better).
    public static let trendDirection = "trend_direction"
    /// `statistical_analysis_significant{analysis}`: 1 when n ≥ 30 and p < 0.05, else 0.
    public static let significant = "statistical_analysis_significant"
    /// `statistical_analysis_errors_total{analysis}`: runs that produced no statistics.
    public static let errorsTotal = "statistical_analysis_errors_total"
    /// `statistical_analysis_duration_seconds{analysis}`: query plus computation of the last run.
    public static let durationSeconds = "statistical_analysis_duration_seconds"
}
