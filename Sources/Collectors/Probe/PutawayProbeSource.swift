public import Exposition
import Foundation
public import Model
public import PackingCore
public import PostgresClient
import Synchronization

/// The putaway probe: plans a synthetic batch against a facility's bins every collect, the
/// way blackbox_exporter probes an endpoint, and reports in its style.
///
/// Bins (and the materials batches are sampled from) are loaded from the WMS database or
/// fixture files and indexed once with `PreparedBins`, then reused until
/// `bins_refresh_interval` has passed, so a cycle costs one plan, not one bin query.
/// Series (all with `facility`, `algorithm` and the probe's `labels`): `probe_success`,
/// `probe_duration_seconds`, `batch_putaway_processing_time_ms` and
/// `putaway_recommendation_confidence_score` (cumulative histograms), and the gauges
/// `putaway_probe_unplaced_items`, `putaway_probe_capacity_violations`,
/// `putaway_probe_bins_rejected`, `putaway_probe_bins`.
public final class PutawayProbeSource: Source {
    /// What one run did, for the caller's log.
    public struct CollectionReport: Sendable {
        /// The probe's families.
        public var families: [MetricFamily]
        /// The value of `probe_success`.
        public var success: Bool
        /// Why the run failed or what it found (load errors, violations, contradictory bins).
        public var problems: [String]
    }

    /// `putaway/<facility>/<algorithm>`.
    public let name: String
    /// The probe's configuration.
    public let config: PutawayProbeConfig
    private let loader: ProbeInputLoader
    private let state: Mutex<ProbeState>

    /// - Parameters:
    ///   - config: the decoded probe.
    ///   - binsExecutor: the session for `bins_from` (nil with `bins_file`).
    ///   - itemsExecutor: the session for `items_from` (nil with `items_file`).
    ///   - queryTimeout: per statement, enforced on the server.
    public init(
        config: PutawayProbeConfig, binsExecutor: (any SQLExecutor)? = nil, itemsExecutor: (any SQLExecutor)? = nil,
        queryTimeout: Duration = .seconds(10)
    ) {
        self.config = config
        self.name = "putaway/\(config.facility)/\(config.algorithm.rawValue)"
        self.loader = ProbeInputLoader(
            config: config, binsExecutor: binsExecutor, itemsExecutor: itemsExecutor, queryTimeout: queryTimeout)
        self.state = Mutex(ProbeState())
    }

    /// The families of one run; never throws (a failed run is `probe_success 0`).
    public func collect(at timestamp: Timestamp) async throws -> [MetricFamily] {
        await collectReport(at: timestamp).families
    }

    /// Runs the probe at evaluation time `timestamp` (which also decides when bins are reloaded).
    public func collectReport(at timestamp: Timestamp) async -> CollectionReport {
        let clock = ContinuousClock()
        let start = clock.now
        if let replay = state.withLock({ $0.replay(at: timestamp, interval: config.interval) }) {
            return CollectionReport(families: families(replay, state: state.withLock { $0 }), success: replay.success, problems: [])
        }
        var problems: [String] = []
        if state.withLock({ $0.needsRefresh(at: timestamp, interval: config.binsRefreshInterval) }) {
            do {
                let input = try await loader.load()
                let prepared = PreparedBins(input.bins)
                state.withLock { $0.store(input, prepared: prepared, at: timestamp) }
            } catch {
                problems.append("cannot load the probe's input: \(error.message)")
            }
        }
        guard let snapshot = state.withLock({ $0.snapshot }) else {
            return finish(ProbeRun(success: false), problems: problems, at: timestamp, start: start, clock: clock)
        }
        let cycle = state.withLock { $0.nextCycle() }
        let batch = ProbeBatch.lines(from: snapshot.items, sampled: snapshot.sampled, size: config.batchSize, cycle: cycle)
        guard !batch.isEmpty else {
            problems.append("no items to put away (the items query or file gave none)")
            return finish(ProbeRun(success: false), problems: problems, at: timestamp, start: start, clock: clock)
        }
        let request = PutawayRequest(
            bins: snapshot.bins, items: batch, algorithm: config.algorithm, improvement: budget())
        let planStart = clock.now
        let plan = PutawayPlanner.plan(request, on: snapshot.prepared)
        let planMs = Self.milliseconds(clock.now - planStart)
        let violations = Validator.violations(of: plan, for: request)
        for violation in violations.prefix(5) { problems.append("validator: \(violation)") }
        let rejected = Set(plan.binIssues.map { $0.binIndex }).count
        if rejected > 0, let first = plan.binIssues.first {
            problems.append("\(rejected) bins with contradictory figures left out, e.g. \(first.locationId).\(first.field): \(first.message)")
        }
        var run = ProbeRun(success: violations.isEmpty)
        run.plan = PlanFigures(
            unplacedUnits: plan.unplaced.reduce(0) { $0 + $1.quantity }, violations: violations.count,
            binsRejected: rejected, bins: snapshot.bins.count)
        state.withLock { state in
            state.processing.observe(planMs)
            for recommendation in plan.recommendations { state.confidence.observe(recommendation.confidenceScore) }
        }
        return finish(run, problems: problems, at: timestamp, start: start, clock: clock)
    }

    private func finish(
        _ run: ProbeRun, problems: [String], at timestamp: Timestamp, start: ContinuousClock.Instant, clock: ContinuousClock
    ) -> CollectionReport {
        var run = run
        run.durationSeconds = Self.milliseconds(clock.now - start) / 1000
        let current = state.withLock { state in
            state.last = (timestamp, run)
            return state
        }
        return CollectionReport(families: families(run, state: current), success: run.success, problems: problems)
    }

    /// The consolidation search's budget on the monotonic clock, or nil when off.
    private func budget() -> ImprovementSearch.Budget? {
        guard config.timeBudgetMs > 0 else { return nil }
        let origin = ContinuousClock().now
        return ImprovementSearch.Budget(nanoseconds: UInt64(config.timeBudgetMs) * 1_000_000, now: {
            let elapsed = ContinuousClock().now - origin
            return UInt64(elapsed.components.seconds) * 1_000_000_000 + UInt64(elapsed.components.attoseconds / 1_000_000_000)
        })
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}

extension PutawayProbeConfig {
    /// The runnable probe, with its own libpq session on the database of `bins_from` /
    /// `items_from` (one session when both name the same source; nothing is sent until it runs).
    /// - Parameters:
    ///   - postgres: the decoded `sources.postgres` entries (`bins_from` names one of them).
    ///   - options: session options.
    /// - Throws: `PostgresError` when a named source's DSN cannot be used.
    public func makeSource(
        postgres: [PostgresSourceConfig], options: ConnectionOptions = ConnectionOptions()
    ) throws(PostgresError) -> PutawayProbeSource {
        var sessions: [String: Connection] = [:]
        var timeout = Duration.seconds(10)
        func session(_ input: Input) throws(PostgresError) -> (any SQLExecutor)? {
            guard case .postgres(let name, _) = input else { return nil }
            if let existing = sessions[name] { return existing }
            guard let source = postgres.first(where: { $0.name == name }) else {
                throw PostgresError(kind: .connection, message: "no sources.postgres entry named \"\(name)\"")
            }
            let connection = try Connection(conninfo: source.dsn, options: options)
            timeout = .milliseconds(source.queryTimeout.milliseconds)
            sessions[name] = connection
            return connection
        }
        let bins = try session(self.bins)
        let items = try session(self.items)
        return PutawayProbeSource(config: self, binsExecutor: bins, itemsExecutor: items, queryTimeout: timeout)
    }
}

extension PutawayProbeSource {
    /// Ends the probe's database sessions (a later run reconnects).
    public func close() async { await loader.close() }
}
