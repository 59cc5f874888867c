/// A metric of an SQL collector that produced no samples this time, and why.
///
/// Prints as `collector "wms_cache", metric "bin_utilization_cache_age_seconds": ERROR: … (SQLSTATE 42P01)`.
public struct SQLCollectorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `collector_name`.
    public var collector: String
    /// `metric_name`.
    public var metric: String
    /// PostgreSQL's message (with SQLSTATE) or what was wrong with the rows.
    public var message: String
    /// True when the database was unreachable rather than the query wrong.
    public var isConnectionFailure: Bool

    /// An error for `metric` of `collector`.
    public init(collector: String, metric: String, message: String, isConnectionFailure: Bool = false) {
        self.collector = collector
        self.metric = metric
        self.message = message
        self.isConnectionFailure = isConnectionFailure
    }

    public var description: String { "collector \"\(collector)\", metric \"\(metric)\": \(message)" }
}
