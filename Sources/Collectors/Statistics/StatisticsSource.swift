public import Exposition
public import Model
public import PostgresClient
import Statistics
import Synchronization

/// `sources.statistics` as a binwatch source: runs each analysis' sample query on its
/// PostgreSQL source, computes the statistics with the `Statistics` module and exports
/// them (names in `StatisticsMetrics`).
///
/// Analyses are heavier than collector queries, so each result is reused for its
/// `interval`, and the queries run on sessions of their own (one per PostgreSQL source,
/// apart from the SQL collectors'). `collect(at:)` keeps them off the evaluation path: it
/// returns the latest results at once and starts the analyses that are due in the
/// background; `collectReport(at:)` waits for them instead (`binwatch collect`, tests).
/// One failing analysis never hides the others: it counts an error and exports nothing
/// but its error count (and its sample size, when the query worked).
public final class StatisticsSource: Source {
    /// What one pass produced.
    public struct CollectionReport: Sendable {
        /// The families, self metrics included.
        public var families: [MetricFamily]
        /// One entry per analysis whose latest run failed (fresh or reused).
        public var errors: [StatisticsSourceError]
    }

    /// A session and its per-statement timeout.
    public struct Database: Sendable {
        /// The session (a `PostgresClient.Connection`).
        public var executor: any SQLExecutor
        /// Per statement, enforced on the server (the source's `query_timeout`).
        public var queryTimeout: Duration

        /// A session with its timeout.
        public init(executor: any SQLExecutor, queryTimeout: Duration) {
            self.executor = executor
            self.queryTimeout = queryTimeout
        }
    }

    /// The source's name in logs (`statistics`).
    public let name: String
    /// The configured analyses, in file order.
    public let analyses: [StatisticsAnalysis]
    private let databases: [String: Database]
    private let state = Mutex(StatisticsState())

    /// - Parameters:
    ///   - name: for logs.
    ///   - analyses: `sources.statistics`.
    ///   - databases: by `sources.postgres` name; an analysis naming none fails with an error.
    public init(name: String = "statistics", analyses: [StatisticsAnalysis], databases: [String: Database]) {
        self.name = name
        self.analyses = analyses
        self.databases = databases
    }

    /// A source with one new session per PostgreSQL source the analyses use.
    /// - Parameters:
    ///   - analyses: `sources.statistics`.
    ///   - postgres: `sources.postgres`, for each one's `dsn` and `query_timeout`.
    ///   - options: session options (read-only by default).
    /// - Throws: `PostgresError` when a dsn cannot be parsed.
    public static func make(
        analyses: [StatisticsAnalysis], postgres: [PostgresSourceConfig], options: ConnectionOptions = ConnectionOptions()
    ) throws(PostgresError) -> StatisticsSource {
        var databases: [String: Database] = [:]
        for config in postgres where analyses.contains(where: { $0.source == config.name }) {
            let connection = try Connection(conninfo: config.dsn, options: options)
            databases[config.name] = Database(
                executor: connection, queryTimeout: .milliseconds(config.queryTimeout.milliseconds))
        }
        return StatisticsSource(analyses: analyses, databases: databases)
    }

    /// The latest results at once; the analyses due at `timestamp` run in the background
    /// and show from a later pass on (none is started twice at a time).
    public func collect(at timestamp: Timestamp) async throws -> [MetricFamily] {
        state.withLock { state in
            guard state.refresh == nil else { return }
            let due = analyses.filter { state.isDue($0, at: timestamp) }
            guard !due.isEmpty else { return }
            // Created under the lock, so the task cannot finish (and clear itself) before it is recorded.
            state.refresh = Task {
                await self.run(due, at: timestamp)
                self.state.withLock { $0.refresh = nil }
            }
        }
        return report().families
    }

    /// Runs every analysis due at `timestamp` and waits for them, then reports.
    public func collectReport(at timestamp: Timestamp) async -> CollectionReport {
        await waitForBackgroundRun()
        let due = state.withLock { state in analyses.filter { state.isDue($0, at: timestamp) } }
        await run(due, at: timestamp)
        return report()
    }

    /// Waits until a run started by `collect(at:)` has finished.
    public func waitForBackgroundRun() async {
        if let task = state.withLock({ $0.refresh }) { await task.value }
    }

    /// Closes the sessions; a later pass opens new ones.
    public func close() async {
        await waitForBackgroundRun()
        for database in databases.values { await database.executor.close() }
    }

    private func report() -> CollectionReport {
        let (outcomes, counts) = state.withLock { ($0.outcomes, $0.errorCounts) }
        let families = StatisticsFamilies.build(analyses: analyses, outcomes: outcomes, errorCounts: counts)
        let errors = analyses.compactMap { outcomes[$0.name]?.error }
        return CollectionReport(families: families, errors: errors)
    }

    /// Runs `due` one after another, storing each outcome as it completes.
    private func run(_ due: [StatisticsAnalysis], at timestamp: Timestamp) async {
        for analysis in due {
            let outcome = await run(analysis, at: timestamp)
            state.withLock { $0.store(outcome, for: analysis.name) }
        }
    }

    private func run(_ analysis: StatisticsAnalysis, at timestamp: Timestamp) async -> AnalysisOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        var outcome = AnalysisOutcome(at: timestamp)
        guard let database = databases[analysis.source] else {
            outcome.error = StatisticsSourceError(
                analysis: analysis.name, message: "no sources.postgres entry named \"\(analysis.source)\"")
            return outcome
        }
        do {
            try await database.executor.connect()
            let rows = try await database.executor.query(analysis.query, parameters: [], timeout: database.queryTimeout)
            let sample = try AnalysisSample.read(analysis, from: rows)
            do {
                outcome.result = try AnalysisResult.compute(analysis.kind, sample: sample, minSamples: analysis.minSamples)
            } catch {
                // The sample size is known and true even when the statistic is undefined.
                outcome.result = try? AnalysisResult.compute(analysis.kind, sample: sample, minSamples: Int.max)
                outcome.error = StatisticsSourceError(analysis: analysis.name, message: error.description)
            }
        } catch let error as PostgresError {
            outcome.error = StatisticsSourceError(
                analysis: analysis.name, message: error.description, isConnectionFailure: error.isConnectionFailure)
        } catch let error as StatisticsSourceError {
            outcome.error = error
        } catch {
            outcome.error = StatisticsSourceError(analysis: analysis.name, message: "\(error)")
        }
        outcome.duration = clock.now - start
        return outcome
    }
}

/// The latest run of one analysis.
struct AnalysisOutcome: Sendable {
    /// The evaluation time it ran for (its `interval` counts from here).
    var at: Timestamp
    /// The statistics (with only `n` when the sample was too small); nil when the query failed.
    var result: AnalysisResult?
    var error: StatisticsSourceError?
    var duration: Duration = .zero
}

/// The source's memory between passes: the latest outcomes, error counters, the background run.
struct StatisticsState: Sendable {
    var outcomes: [String: AnalysisOutcome] = [:]
    var errorCounts: [String: Double] = [:]
    var refresh: Task<Void, Never>?

    /// Never run, past its `interval`, or the clock went back.
    func isDue(_ analysis: StatisticsAnalysis, at timestamp: Timestamp) -> Bool {
        guard let last = outcomes[analysis.name] else { return true }
        return timestamp < last.at || timestamp - last.at >= analysis.interval
    }

    mutating func store(_ outcome: AnalysisOutcome, for analysis: String) {
        if outcome.error != nil { errorCounts[analysis, default: 0] += 1 }
        outcomes[analysis] = outcome
    }
}
