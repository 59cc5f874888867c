public import Model

/// One value of an instant vector: a series' labels, the evaluation time and a float.
public struct Sample: Sendable, Equatable {
    /// The series' labels (with `__name__` until the engine drops it).
    public var labels: Labels
    /// Milliseconds since the epoch.
    public var timestamp: Int64
    public var value: Double
    /// Set by functions and operators that change a metric's meaning: the engine
    /// removes `__name__` at the end of evaluation (Prometheus's delayed name removal).
    public var dropName: Bool

    public init(labels: Labels, timestamp: Int64, value: Double, dropName: Bool = false) {
        self.labels = labels
        self.timestamp = timestamp
        self.value = value
        self.dropName = dropName
    }

    public static func == (lhs: Sample, rhs: Sample) -> Bool {
        lhs.labels == rhs.labels && lhs.timestamp == rhs.timestamp
            && (lhs.value == rhs.value || (lhs.value.isNaN && rhs.value.isNaN)) && lhs.dropName == rhs.dropName
    }
}

/// A series with its samples in two contiguous, time-ordered arrays: what storage
/// returns from `Querier.select` and what a range vector or range query result holds.
public struct Series: Sendable, Equatable {
    public var labels: Labels
    /// Milliseconds since the epoch, strictly increasing.
    public var timestamps: [Int64]
    /// `values[i]` belongs to `timestamps[i]`.
    public var values: [Double]
    /// See `Sample.dropName`.
    public var dropName: Bool

    public init(labels: Labels, timestamps: [Int64] = [], values: [Double] = [], dropName: Bool = false) {
        self.labels = labels
        self.timestamps = timestamps
        self.values = values
        self.dropName = dropName
    }

    /// Number of samples.
    public var count: Int { timestamps.count }
    public var isEmpty: Bool { timestamps.isEmpty }

    /// Appends one point (the caller keeps timestamps increasing).
    public mutating func append(_ timestamp: Int64, _ value: Double) {
        timestamps.append(timestamp)
        values.append(value)
    }

    public static func == (lhs: Series, rhs: Series) -> Bool {
        lhs.labels == rhs.labels && lhs.timestamps == rhs.timestamps && lhs.dropName == rhs.dropName
            && zip(lhs.values, rhs.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }
}
