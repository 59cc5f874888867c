/// An analysis of the statistics source that produced no statistics this time, and why.
///
/// Prints as `analysis "bin_utilization": column "pct" is not in the query's result (columns: volume)`.
public struct StatisticsSourceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The analysis' `name`.
    public var analysis: String
    /// PostgreSQL's message (with SQLSTATE), what was wrong with the rows, or why the
    /// statistic is undefined for this sample.
    public var message: String
    /// True when the database was unreachable rather than the query or data wrong.
    public var isConnectionFailure: Bool

    /// An error of `analysis`.
    public init(analysis: String, message: String, isConnectionFailure: Bool = false) {
        self.analysis = analysis
        self.message = message
        self.isConnectionFailure = isConnectionFailure
    }

    public var description: String { "analysis \"\(analysis)\": \(message)" }
}
