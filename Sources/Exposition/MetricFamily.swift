public import Model

/// The metric types of the Prometheus text format (0.0.4).
public enum MetricType: String, Sendable, Hashable, CaseIterable {
    case counter, gauge, histogram, summary, untyped
}

/// One sample line of a family: `name{labels} value [timestamp]`.
///
/// `name` is the full sample name, which for histograms and summaries carries the
/// suffix (`_bucket`, `_sum`, `_count`); `labels` never holds `__name__`.
public struct MetricSample: Sendable, Hashable {
    public var name: String
    public var labels: Labels
    public var value: Double
    /// Client-side timestamp; textfiles must not carry one.
    public var timestamp: Timestamp?

    public init(name: String, labels: Labels = Labels(), value: Double, timestamp: Timestamp? = nil) {
        self.name = name
        self.labels = labels
        self.value = value
        self.timestamp = timestamp
    }
}

/// A metric family: one HELP, one TYPE, and all its samples, contiguous in the output.
public struct MetricFamily: Sendable, Hashable {
    public var name: String
    public var help: String?
    public var type: MetricType
    public var samples: [MetricSample]
    /// The OpenMetrics `# UNIT` (e.g. `seconds`); nil in 0.0.4, which has no unit line.
    public var unit: String?

    public init(name: String, help: String? = nil, type: MetricType, samples: [MetricSample] = [], unit: String? = nil) {
        self.name = name
        self.help = help
        self.type = type
        self.samples = samples
        self.unit = unit
    }
}
