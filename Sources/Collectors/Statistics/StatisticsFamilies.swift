import Exposition
import Model
import Statistics

/// Turns the analyses' latest outcomes into families (names and labels: `StatisticsMetrics`).
enum StatisticsFamilies {
    private static let help: [String: String] = [
        StatisticsMetrics.sampleSize: "Observations behind each statistical analysis (significance needs 30).",
        StatisticsMetrics.descriptive: "Descriptive statistics of each describe analysis, by statistic.",
        StatisticsMetrics.outlierCount: "Outliers found by each analysis, by detection method and severity.",
        StatisticsMetrics.criticalOutlierCount: "Observations that a method calls SEVERE or EXTREME outliers, each counted once.",
        StatisticsMetrics.pearson: "Pearson correlation coefficient between two features.",
        StatisticsMetrics.spearman: "Spearman rank correlation coefficient between two features.",
        StatisticsMetrics.abTestPValue: "Two-sided p-value of each A/B test (Welch's t-test or chi-square).",
        StatisticsMetrics.abTestEffectSize: "Cohen's d of each A/B test, sample a against sample b.",
        StatisticsMetrics.trendSlope: "Least-squares slope of each trended metric per unit of time.",
        StatisticsMetrics.trendDirection: "Trend of each metric: 1 improving, 0 stable, -1 declining (p < 0.05).",
        StatisticsMetrics.significant: "Whether each analysis is significant: 1 when n >= 30 and p < 0.05, else 0.",
        StatisticsMetrics.errorsTotal: "Statistical analysis runs that produced no statistics, by analysis.",
        StatisticsMetrics.durationSeconds: "How long the last run of each analysis took (query and computation), in seconds.",
    ]
    /// Output order: the seeds' figures first, self metrics last.
    private static let order = [
        StatisticsMetrics.sampleSize, StatisticsMetrics.descriptive, StatisticsMetrics.outlierCount,
        StatisticsMetrics.criticalOutlierCount, StatisticsMetrics.pearson, StatisticsMetrics.spearman,
        StatisticsMetrics.abTestPValue, StatisticsMetrics.abTestEffectSize, StatisticsMetrics.trendSlope,
        StatisticsMetrics.trendDirection, StatisticsMetrics.significant, StatisticsMetrics.durationSeconds,
        StatisticsMetrics.errorsTotal,
    ]

    static func build(
        analyses: [StatisticsAnalysis], outcomes: [String: AnalysisOutcome], errorCounts: [String: Double]
    ) -> [MetricFamily] {
        var samples: [String: [MetricSample]] = [:]
        func add(_ name: String, _ labels: Labels, _ value: Double) {
            // Belt and braces: AnalysisResult already refuses non-finite figures.
            guard value.isFinite else { return }
            samples[name, default: []].append(MetricSample(name: name, labels: labels, value: value))
        }
        for analysis in analyses {
            let own = analysis.labels.setting("analysis", to: analysis.name)
            add(StatisticsMetrics.errorsTotal, own, errorCounts[analysis.name] ?? 0)
            guard let outcome = outcomes[analysis.name] else { continue }
            add(StatisticsMetrics.durationSeconds, own, SourceFamilies.seconds(outcome.duration))
            guard let result = outcome.result else { continue }
            add(StatisticsMetrics.sampleSize, own, result.n)
            // Too few samples: not significant by definition; an undefined statistic: unknown, so absent.
            if result.hasPValue && (outcome.error == nil || result.enoughSamples) { add(StatisticsMetrics.significant, own, result.significant ? 1 : 0) }
            guard result.enoughSamples else { continue }
            for figure in result.descriptive {
                add(StatisticsMetrics.descriptive, own.setting("statistic", to: figure.statistic), figure.value)
            }
            for counts in result.outliers {
                for severity in OutlierSeverity.allCases {
                    let labels = own.setting("method", to: counts.method.rawValue).setting("severity", to: severity.rawValue)
                    add(StatisticsMetrics.outlierCount, labels, Double(counts.bySeverity[severity] ?? 0))
                }
            }
            if let critical = result.criticalOutliers { add(StatisticsMetrics.criticalOutlierCount, own, Double(critical)) }
            switch analysis.kind {
            case .correlation(_, _, let featureX, let featureY):
                let labels = analysis.labels.setting("feature_x", to: featureX).setting("feature_y", to: featureY)
                if let r = result.pearson { add(StatisticsMetrics.pearson, labels, r) }
                if let rho = result.spearman { add(StatisticsMetrics.spearman, labels, rho) }
            case .trend(_, _, let metric, _):
                let labels = analysis.labels.setting("metric", to: metric)
                if let slope = result.slope { add(StatisticsMetrics.trendSlope, labels, slope) }
                if let trend = result.trend { add(StatisticsMetrics.trendDirection, labels, direction(trend)) }
            case .abTest(_, _, _, _, let test), .chisq(_, _, _, let test, _):
                let labels = analysis.labels.setting("test", to: test)
                if let p = result.pValue { add(StatisticsMetrics.abTestPValue, labels, p) }
                if let d = result.effectSize { add(StatisticsMetrics.abTestEffectSize, labels, d) }
            case .describe, .outliers:
                break
            }
        }
        return order.compactMap { name in
            guard let list = samples[name], !list.isEmpty else { return nil }
            let type: MetricType = name == StatisticsMetrics.errorsTotal ? .counter : .gauge
            return MetricFamily(name: name, help: help[name], type: type, samples: list)
        }
    }

    private static func direction(_ trend: Trend) -> Double {
        switch trend {
        case .improving: 1
        case .stable: 0
        case .declining: -1
        }
    }
}
