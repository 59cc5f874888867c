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
    /// Releases what the source holds open (database sessions), when a reload replaces it
    /// or the daemon stops; a later `collect` may open them again. Default: nothing to close.
    func close() async
}

extension Source {
    /// Nothing to close.
    public func close() async {}
}
