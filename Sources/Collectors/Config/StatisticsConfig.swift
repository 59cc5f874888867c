public import Model
public import Statistics

/// One entry of `sources.statistics` in binwatch.yml: a sample query on a PostgreSQL
/// source and the analysis to run on its rows.
///
/// ```yaml
/// sources:
///   statistics:
///     - name: bin_utilization
///       source: wms                  # a sources.postgres name: its dsn and query_timeout
///       kind: outliers
///       query: SELECT volume_utilization_pct AS pct FROM bin_utilization_cache WHERE facility_id = 'FAC-01'
///       value: pct
///       methods: [iqr, zscore, modified-zscore]
///       min_samples: 30              # default 30
///       interval: 5m                 # reuse the last result this long (default 5m)
///       labels: {facility: FAC-01}
/// ```
public struct StatisticsAnalysis: Sendable, Equatable {
    /// The analysis kinds (`kind:`), each with the columns and labels it needs.
    public enum Kind: Sendable, Equatable {
        /// `describe`: n, mean, median, deviation, percentiles and CI95 of the `value` column.
        case describe(value: String)
        /// `outliers`: the `value` column's outliers by each method, counted by severity.
        case outliers(value: String, methods: [OutlierMethod])
        /// `correlation`: Pearson and Spearman between columns `x` and `y`, labelled
        /// `feature_x` / `feature_y` (default: the column names).
        case correlation(x: String, y: String, featureX: String, featureY: String)
        /// `trend`: least-squares slope of `value` over the numeric column `x` (time as a
        /// number, e.g. `EXTRACT(EPOCH FROM day) / 86400` for a slope per day), labelled `metric`.
        case trend(x: String, value: String, metric: String, higherIsBetter: Bool)
        /// `ab_test`: Welch's t-test of `value` between the rows whose `group` column is `a`
        /// and those where it is `b`, labelled `test`.
        case abTest(group: String, a: String, b: String, value: String, test: String)
        /// `chisq`: chi-square test of independence between the categories in columns `group`
        /// and `outcome` (each row counts 1, or the `count` column's value), labelled `test`.
        case chisq(group: String, outcome: String, count: String?, test: String, correction: Bool)

        /// The name written in `kind:`.
        public var name: String {
            switch self {
            case .describe: "describe"
            case .outliers: "outliers"
            case .correlation: "correlation"
            case .trend: "trend"
            case .abTest: "ab_test"
            case .chisq: "chisq"
            }
        }

        /// Whether the kind yields a p-value, hence a `statistical_analysis_significant` series.
        public var hasPValue: Bool {
            switch self {
            case .describe, .outliers: false
            case .correlation, .trend, .abTest, .chisq: true
            }
        }
    }

    /// Unique among `sources.statistics`; the `analysis` label.
    public var name: String
    /// The `sources.postgres` entry whose connection settings run `query`.
    public var source: String
    /// One read-only statement returning the sample, one row per observation.
    public var query: String
    /// What to compute, and from which columns.
    public var kind: Kind
    /// Below this many observations only the sample size is exported (default 30).
    public var minSamples: Int
    /// The last result is reused for this long before the query runs again (default 5m).
    public var interval: PromDuration
    /// Added to every series of the analysis (`facility`, as the rules and dashboard expect).
    public var labels: Labels
    /// Where the entry starts.
    public var location: SourceLocation

    /// `min_samples` when the entry gives none: the seeds' n ≥ 30 rule.
    public static let defaultMinSamples = 30
    /// `interval` when the entry gives none: analyses are heavier than collector queries.
    public static let defaultInterval = PromDuration(seconds: 300)

    /// An analysis; `location` is where it was decoded from.
    public init(
        name: String, source: String, query: String, kind: Kind, minSamples: Int = defaultMinSamples,
        interval: PromDuration = defaultInterval, labels: Labels = Labels(),
        location: SourceLocation = SourceLocation(file: "", line: 0, column: 0)
    ) {
        self.name = name
        self.source = source
        self.query = query
        self.kind = kind
        self.minSamples = minSamples
        self.interval = interval
        self.labels = labels
        self.location = location
    }
}
