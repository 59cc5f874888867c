public import Exposition
public import Model
public import PostgresClient
import Synchronization

/// A PostgreSQL database as a binwatch source: runs every metric query of its collectors
/// on one session and adds `pg_up`, `binwatch_sql_query_duration_seconds` and
/// `binwatch_sql_query_errors_total`, with the source's `labels` on every series.
///
/// One failing query never hides the others: it counts an error, is reported in
/// `CollectionReport.errors`, and the other metrics are still returned.
public final class PostgresSource: Source {
    /// What one pass gathered, plus why any metric is missing.
    public struct CollectionReport: Sendable {
        /// The collected families, self metrics included.
        public var families: [MetricFamily]
        /// Whether the database answered (the value of `pg_up`).
        public var up: Bool
        /// The connection failure when `up` is false.
        public var connectionError: PostgresError?
        /// One entry per metric whose query failed this pass (or whose cached failure was reused).
        public var errors: [SQLCollectorError]
    }

    /// The configured source name.
    public let name: String
    /// The collector files this source runs.
    public let collectors: [CollectorFile]
    /// Added to every series that lacks the label.
    public let labels: Labels
    /// Per-statement timeout.
    public let queryTimeout: Duration
    private let executor: any SQLExecutor
    private let state: Mutex<SourceState>

    /// - Parameters:
    ///   - name: the configured source name.
    ///   - executor: the session (a `PostgresClient.Connection`).
    ///   - collectors: the decoded collector files.
    ///   - labels: attached to every series, unless the series has that label already.
    ///   - queryTimeout: per statement, enforced on the server.
    public init(
        name: String, executor: any SQLExecutor, collectors: [CollectorFile], labels: Labels = Labels(),
        queryTimeout: Duration = .seconds(10)
    ) {
        self.name = name
        self.executor = executor
        self.collectors = collectors
        self.labels = labels
        self.queryTimeout = queryTimeout
        self.state = Mutex(SourceState(collectors: collectors))
    }

    /// The families of one pass; never throws: a failure shows as `pg_up 0` or an error count.
    public func collect(at timestamp: Timestamp) async throws -> [MetricFamily] {
        await collectReport(at: timestamp).families
    }

    /// The families, with the connection failure and each failed query as problems.
    public func gather(at timestamp: Timestamp) async throws -> SourceCollection {
        let report = await collectReport(at: timestamp)
        var problems = report.connectionError.map { ["cannot connect: \($0)"] } ?? []
        problems += report.errors.filter { !$0.isConnectionFailure }.map(\.description)
        return SourceCollection(families: report.families, problems: problems)
    }

    /// One pass over every collector at evaluation time `timestamp` (used for `min_interval`).
    public func collectReport(at timestamp: Timestamp) async -> CollectionReport {
        var up = true
        var connectionError: PostgresError?
        do {
            try await executor.connect()
        } catch {
            up = false
            connectionError = error
        }
        var outcomes: [MetricOutcome] = []
        if up {
            for collector in collectors {
                if let cached = state.withLock({ $0.cached(collector.collectorName, at: timestamp) }) {
                    outcomes += cached
                    continue
                }
                let fresh = await run(collector)
                state.withLock { $0.store(fresh, for: collector, at: timestamp) }
                outcomes += fresh
            }
            // A session lost mid-pass means the database went away: say so in pg_up.
            if let lost = outcomes.first(where: { $0.error?.isConnectionFailure == true && !$0.fromCache }) {
                up = false
                connectionError = PostgresError(kind: .connection, message: lost.error?.message ?? "connection lost")
            }
        }
        let errorCounts = state.withLock { $0.errorCounts }
        let families = SourceFamilies.build(
            collectors: collectors, outcomes: outcomes, up: up, errorCounts: errorCounts, sourceLabels: labels)
        return CollectionReport(
            families: families, up: up, connectionError: connectionError, errors: outcomes.compactMap(\.error))
    }

    /// Closes the database session; the next pass opens a new one.
    public func close() async { await executor.close() }

    /// Runs each metric's query of `collector` in order on the session.
    private func run(_ collector: CollectorFile) async -> [MetricOutcome] {
        var outcomes: [MetricOutcome] = []
        let clock = ContinuousClock()
        for metric in collector.metrics {
            let start = clock.now
            var outcome = MetricOutcome(collector: collector.collectorName, metric: metric.name)
            do {
                let result = try await executor.query(metric.query, parameters: [], timeout: queryTimeout)
                outcome.samples = try SQLCollector.samples(for: metric, collector: collector.collectorName, from: result)
            } catch let error as PostgresError {
                outcome.error = SQLCollectorError(
                    collector: collector.collectorName, metric: metric.name, message: error.description,
                    isConnectionFailure: error.isConnectionFailure)
            } catch let error as SQLCollectorError {
                outcome.error = error
            } catch {
                outcome.error = SQLCollectorError(
                    collector: collector.collectorName, metric: metric.name, message: "\(error)")
            }
            outcome.duration = clock.now - start
            outcomes.append(outcome)
        }
        return outcomes
    }
}

/// What one metric's query gave: samples or an error, and how long it took.
struct MetricOutcome: Sendable {
    var collector: String
    var metric: String
    var samples: [MetricSample] = []
    var error: SQLCollectorError?
    var duration: Duration = .zero
    /// Replayed from the `min_interval` cache rather than queried this pass.
    var fromCache = false
}

/// The source's memory between passes: `min_interval` caches and the error counters.
struct SourceState: Sendable {
    private var cache: [String: (at: Timestamp, outcomes: [MetricOutcome])] = [:]
    /// `binwatch_sql_query_errors_total` by collector and metric; starts at 0 for each.
    private(set) var errorCounts: [MetricKey: Double] = [:]
    private let minIntervals: [String: PromDuration]

    init(collectors: [CollectorFile]) {
        var intervals: [String: PromDuration] = [:]
        for collector in collectors {
            intervals[collector.collectorName] = collector.minInterval
            for metric in collector.metrics {
                errorCounts[MetricKey(collector: collector.collectorName, metric: metric.name)] = 0
            }
        }
        minIntervals = intervals
    }

    /// The last outcomes of `collector` if they are younger than its `min_interval`.
    func cached(_ collector: String, at timestamp: Timestamp) -> [MetricOutcome]? {
        guard let interval = minIntervals[collector], interval > .zero, let entry = cache[collector],
              timestamp >= entry.at, timestamp - entry.at < interval else { return nil }
        return entry.outcomes.map { outcome in
            var replay = outcome
            replay.fromCache = true
            return replay
        }
    }

    mutating func store(_ outcomes: [MetricOutcome], for collector: CollectorFile, at timestamp: Timestamp) {
        for outcome in outcomes where outcome.error != nil {
            errorCounts[MetricKey(collector: outcome.collector, metric: outcome.metric), default: 0] += 1
        }
        if collector.minInterval > .zero { cache[collector.collectorName] = (timestamp, outcomes) }
    }
}

/// A collector/metric pair, the labels of the per-query self metrics.
struct MetricKey: Hashable, Sendable {
    var collector: String
    var metric: String
}
