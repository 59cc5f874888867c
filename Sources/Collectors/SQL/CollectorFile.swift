public import Exposition
public import Model

/// One SQL collector file, in sql_exporter's shape:
/// `collector_name`, `min_interval`, and `metrics`, each a query turned into samples.
public struct CollectorFile: Sendable, Equatable {
    /// One metric of a collector: a query and how its columns become samples.
    public struct Metric: Sendable, Equatable {
        /// `metric_name`.
        public var name: String
        /// `gauge` or `counter`.
        public var type: MetricType
        /// The HELP text.
        public var help: String
        /// Columns whose values become labels of the same name (NULL gives an absent label).
        public var keyLabels: [String]
        /// Labels added to every sample of the metric.
        public var staticLabels: Labels
        /// Numeric columns, one sample each per row.
        public var values: [String]
        /// With several `values`, the label whose value is the value column's name.
        public var valueLabel: String?
        /// One SQL statement, run read-only.
        public var query: String
        /// Where the metric is defined, for errors found later.
        public var location: SourceLocation

        /// A metric definition; `location` is where it was decoded from.
        public init(
            name: String, type: MetricType, help: String, keyLabels: [String] = [], staticLabels: Labels = Labels(),
            values: [String], valueLabel: String? = nil, query: String,
            location: SourceLocation = SourceLocation(file: "", line: 0, column: 0)
        ) {
            self.name = name
            self.type = type
            self.help = help
            self.keyLabels = keyLabels
            self.staticLabels = staticLabels
            self.values = values
            self.valueLabel = valueLabel
            self.query = query
            self.location = location
        }
    }

    /// `collector_name`: the `collector` label of the self metrics.
    public var collectorName: String
    /// Results younger than this are reused instead of querying again (0: always query).
    public var minInterval: PromDuration
    /// The metrics, in file order.
    public var metrics: [Metric]
    /// The file's path as errors name it.
    public var file: String

    /// A collector; `file` is the path errors name.
    public init(collectorName: String, minInterval: PromDuration = .zero, metrics: [Metric], file: String = "") {
        self.collectorName = collectorName
        self.minInterval = minInterval
        self.metrics = metrics
        self.file = file
    }
}
