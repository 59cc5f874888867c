public import Exposition
public import Model

/// Something binwatch gathers metrics from each cycle: a database, the statistics
/// module, the putaway probe, a scrape target.
///
/// A source reports its own health as metrics (`pg_up`, `up`, `probe_success`) rather
/// than by throwing, so that one source down never hides what the others gathered;
/// it throws only when it cannot produce even those.
public protocol Source: Sendable {
    /// The source's configured name, used in logs and self metrics.
    var name: String { get }
    /// Gathers every family this source yields at evaluation time `timestamp`.
    func collect(at timestamp: Timestamp) async throws -> [MetricFamily]
    /// `collect`, plus what went wrong without stopping the pass (a database that did not
    /// answer, a failed query, a target down), for the daemon's log: the metrics say *that*
    /// something failed (`pg_up 0`, `up 0`), the log says *why*. Default: no problems.
    func gather(at timestamp: Timestamp) async throws -> SourceCollection
    /// Releases what the source holds open (database sessions), when a reload replaces it
    /// or the daemon stops; a later `collect` may open them again. Default: nothing to close.
    func close() async
}

extension Source {
    /// Nothing to close.
    public func close() async {}

    /// `collect`, with no problems to report.
    public func gather(at timestamp: Timestamp) async throws -> SourceCollection {
        SourceCollection(families: try await collect(at: timestamp))
    }
}

/// What one pass of a source gave: its families and why any of them is missing.
public struct SourceCollection: Sendable {
    public var families: [MetricFamily]
    /// One line per problem, already free of secrets (connection strings are redacted).
    public var problems: [String]
    /// What `/api/v1/metadata` lists for this source: what scraped pages declared, or for
    /// families built in code, their own HELP and TYPE.
    public var metadata: [MetricMetadata]

    /// - Parameter metadata: nil derives it from `families` (`MetricMetadata.of`).
    public init(families: [MetricFamily], problems: [String] = [], metadata: [MetricMetadata]? = nil) {
        self.families = families
        self.problems = problems
        self.metadata = metadata ?? MetricMetadata.of(families)
    }
}
