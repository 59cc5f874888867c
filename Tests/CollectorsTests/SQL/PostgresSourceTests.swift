import Collectors
import Exposition
import Foundation
import Model
import PostgresClient
import PostgresTesting
import Synchronization
import Testing

/// `PostgresSource` against a real PostgreSQL 15 per test (see PostgresTesting).
@Suite struct PostgresSourceTests {
    static let schema = """
        CREATE TABLE cache_refresh_status (facility_id text, refreshed_at timestamptz);
        INSERT INTO cache_refresh_status VALUES
          ('F1', now() - interval '90 seconds'), ('F2', now() - interval '10 minutes'), ('F2', now() - interval '1 hour');
        CREATE TABLE putaway_recommendations (algorithm text, was_accepted boolean, confidence_score numeric(4,3));
        INSERT INTO putaway_recommendations
          SELECT (ARRAY['FFD','BFD','HYBRID'])[1 + i % 3], i % 4 <> 0, ((i * 37) % 1000) / 1000.0
          FROM generate_series(1, 500) AS i;
        """

    static let cacheAge = CollectorFile.Metric(
        name: "bin_utilization_cache_age_seconds", type: .gauge, help: "Age of the bin utilization cache.",
        keyLabels: ["facility"], staticLabels: Labels(["source": "wms"]), values: ["age_seconds"],
        query: "SELECT facility_id AS facility, EXTRACT(EPOCH FROM now() - max(refreshed_at)) AS age_seconds FROM cache_refresh_status GROUP BY facility_id")
    static let byAlgorithm = CollectorFile.Metric(
        name: "putaway_recommendations", type: .gauge, help: "Recommendations by algorithm and outcome.",
        keyLabels: ["algorithm"], values: ["accepted", "rejected", "mean_confidence"], valueLabel: "kind",
        query: """
            SELECT algorithm, count(*) FILTER (WHERE was_accepted) AS accepted,
                   count(*) FILTER (WHERE NOT was_accepted) AS rejected, avg(confidence_score) AS mean_confidence
            FROM putaway_recommendations GROUP BY algorithm
            """)

    static func source(
        _ server: TestPostgres, conninfo: String? = nil, _ collectors: [CollectorFile], labels: Labels = Labels(),
        timeout: Duration = .seconds(120)  // generous: only the timeout tests depend on it
    ) throws -> PostgresSource {
        let options = ConnectionOptions(backoff: .init(initial: .zero, maximum: .zero))
        let connection = try Connection(conninfo: Secret(conninfo ?? server.socketConninfo), options: options)
        return PostgresSource(name: "wms", executor: connection, collectors: collectors, labels: labels, queryTimeout: timeout)
    }

    static func value(_ families: [MetricFamily], _ name: String, _ labels: [String: String] = [:]) -> Double? {
        families.first { $0.name == name }?.samples.first { $0.labels == Labels(labels) }?.value
    }

    @Test func valuesEqualWhatPsqlReturns() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        try await server.psql(Self.schema)
        let source = try Self.source(
            server, [CollectorFile(collectorName: "wms", metrics: [Self.cacheAge, Self.byAlgorithm])],
            labels: Labels(["job": "postgres-exporter"]))
        let collected = ContinuousClock.now
        let report = await source.collectReport(at: Timestamp(milliseconds: 0))
        #expect(report.errors.isEmpty)
        #expect(Self.value(report.families, "pg_up", ["job": "postgres-exporter"]) == 1)

        // Same query through psql; cache age moves with now(), so compare it within the time
        // that passed between the two runs (seconds on a loaded machine).
        let psqlOutput = try await server.psql(Self.cacheAge.query)
        let apart = (ContinuousClock.now - collected) / .seconds(1) + 1
        for line in psqlOutput.split(separator: "\n") {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let expected = try #require(Double(fields[1]))
            let got = try #require(Self.value(
                report.families, Self.cacheAge.name, ["facility": fields[0], "source": "wms", "job": "postgres-exporter"]))
            #expect(abs(got - expected) < apart, "facility \(fields[0])")
        }
        let algorithmLines = try await server.psql(Self.byAlgorithm.query).split(separator: "\n")
        #expect(algorithmLines.count == 3)
        for line in algorithmLines {
            let fields = line.split(separator: "|").map(String.init)
            for (index, kind) in ["accepted", "rejected", "mean_confidence"].enumerated() {
                let got = Self.value(
                    report.families, Self.byAlgorithm.name,
                    ["algorithm": fields[0], "kind": kind, "job": "postgres-exporter"])
                #expect(got == Double(fields[index + 1]), "\(fields[0]) \(kind)")
            }
        }
        // The whole pass encodes as valid exposition with the self metrics.
        let text = try TextEncoder().encode(report.families)
        #expect(text.contains("binwatch_sql_query_errors_total{collector=\"wms\",job=\"postgres-exporter\",metric=\"putaway_recommendations\"} 0\n"))
        #expect(text.contains("# TYPE binwatch_sql_query_duration_seconds gauge\n"))
    }

    @Test func serverStoppedMidRunGivesPgUp0AndRecovers() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        try await server.psql(Self.schema)
        let source = try Self.source(server, [CollectorFile(collectorName: "wms", metrics: [Self.byAlgorithm])])
        let before = await source.collectReport(at: Timestamp(milliseconds: 0))
        #expect(Self.value(before.families, "pg_up") == 1)

        try await server.stopServer()
        let down = await source.collectReport(at: Timestamp(milliseconds: 30_000))
        #expect(Self.value(down.families, "pg_up") == 0)
        #expect(!down.up)
        #expect(down.connectionError?.kind == .connection)
        #expect(!down.families.contains { $0.name == Self.byAlgorithm.name })
        // What the daemon logs: the connection failure once, not one line per query.
        let problems = try await source.gather(at: Timestamp(milliseconds: 45_000)).problems
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("cannot connect: ") == true)

        try await server.start()
        let after = await source.collectReport(at: Timestamp(milliseconds: 60_000))
        #expect(Self.value(after.families, "pg_up") == 1)
        #expect(Self.value(after.families, Self.byAlgorithm.name, ["algorithm": "FFD", "kind": "accepted"])
            == Self.value(before.families, Self.byAlgorithm.name, ["algorithm": "FFD", "kind": "accepted"]))
    }

    @Test func aQueryPastTheTimeoutIsCancelledOnTheServerAndOthersStillReport() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        try await server.psql(Self.schema)
        let slow = CollectorFile.Metric(
            name: "slow_metric", type: .gauge, help: "h", values: ["v"], query: "SELECT 1 AS v FROM pg_sleep(600)")
        let source = try Self.source(
            server,
            [CollectorFile(collectorName: "slow", metrics: [slow]),
             CollectorFile(collectorName: "wms", metrics: [Self.byAlgorithm])],
            timeout: .seconds(3))  // the other collector's query must fit in it on a loaded machine
        let start = ContinuousClock.now
        let report = await source.collectReport(at: Timestamp(milliseconds: 0))
        // The timeout ended it, not the 600 s sleep (half of that leaves any loaded machine room).
        #expect(ContinuousClock.now - start < .seconds(300))
        #expect(report.errors.map(\.description) == [
            "collector \"slow\", metric \"slow_metric\": ERROR: canceling statement due to statement timeout (SQLSTATE 57014)",
        ])
        #expect(Self.value(report.families, "pg_up") == 1)
        #expect(Self.value(report.families, Self.byAlgorithm.name, ["algorithm": "BFD", "kind": "accepted"]) != nil)
        #expect(Self.value(report.families, "binwatch_sql_query_errors_total", ["collector": "slow", "metric": "slow_metric"]) == 1)
        let running = try await server.psql(
            "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(600)%' AND state = 'active' AND pid <> pg_backend_pid()")
        #expect(running == "0\n")
    }

    @Test func aSlowSourceDoesNotDelayAnother() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        try await server.psql(Self.schema + "CREATE TABLE gate (v int); INSERT INTO gate VALUES (1);")
        // The slow source reads a table another session keeps locked: it cannot finish until the
        // test lets it, so "the fast one finished first" needs no wall-clock bound.
        let holder = Task { try? await server.psql("BEGIN; LOCK TABLE gate IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(3600);") }
        defer { holder.cancel() }
        try await Self.waitFor(server, "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
            + "WHERE c.relname = 'gate' AND l.granted AND l.mode = 'AccessExclusiveLock'")
        let slow = CollectorFile.Metric(name: "slow_metric", type: .gauge, help: "h", values: ["v"], query: "SELECT v FROM gate")
        let slowSource = try Self.source(server, [CollectorFile(collectorName: "slow", metrics: [slow])], timeout: .seconds(600))
        let fastSource = try Self.source(server, [CollectorFile(collectorName: "wms", metrics: [Self.byAlgorithm])])
        let slowDone = Mutex(false)
        let slowTask = Task {
            let report = await slowSource.collectReport(at: Timestamp(milliseconds: 0))
            slowDone.withLock { $0 = true }
            return report
        }
        try await Self.waitFor(server, "SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT v FROM gate' AND wait_event_type = 'Lock'")
        let fastReport = await fastSource.collectReport(at: Timestamp(milliseconds: 0))
        #expect(fastReport.up && fastReport.errors.isEmpty)
        #expect(!slowDone.withLock { $0 }, "the slow source finished while its table was locked")
        _ = try await server.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%LOCK TABLE gate%' AND pid <> pg_backend_pid()")
        let slowReport = await slowTask.value
        #expect(Self.value(slowReport.families, "slow_metric") == 1)
    }

    /// Polls `query` (a count) until it returns 1; the deadline only bounds a failure.
    static func waitFor(_ server: TestPostgres, _ query: String) async throws {
        let deadline = ContinuousClock.now + .seconds(180)
        while try await server.psql(query) != "1\n" {
            guard ContinuousClock.now < deadline else {
                Issue.record("timed out waiting for \(query)")
                throw CancellationError()
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    @Test func badSQLNamesCollectorMetricAndPostgresMessage() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        try await server.psql(Self.schema)
        let bad = CollectorFile.Metric(name: "broken", type: .counter, help: "h", values: ["v"], query: "SELEC 1 AS v")
        let missing = CollectorFile.Metric(name: "missing", type: .gauge, help: "h", values: ["v"], query: "SELECT v FROM nope")
        let text = CollectorFile.Metric(name: "texty", type: .gauge, help: "h", values: ["v"], query: "SELECT 'abc'::text AS v")
        let source = try Self.source(
            server, [CollectorFile(collectorName: "c", metrics: [bad, Self.byAlgorithm, missing, text])])
        let report = await source.collectReport(at: Timestamp(milliseconds: 0))
        #expect(report.errors.map(\.description) == [
            "collector \"c\", metric \"broken\": ERROR: syntax error at or near \"SELEC\" (SQLSTATE 42601)",
            "collector \"c\", metric \"missing\": ERROR: relation \"nope\" does not exist (SQLSTATE 42P01)",
            "collector \"c\", metric \"texty\": value column \"v\" of type text is not numeric: \"abc\"",
        ])
        #expect(Self.value(report.families, Self.byAlgorithm.name, ["algorithm": "HYBRID", "kind": "rejected"]) != nil)
        #expect(Self.value(report.families, "binwatch_sql_query_errors_total", ["collector": "c", "metric": "broken"]) == 1)
        #expect(Self.value(report.families, "binwatch_sql_query_errors_total", ["collector": "c", "metric": "putaway_recommendations"]) == 0)
        // Errors accumulate over passes.
        let second = await source.collectReport(at: Timestamp(milliseconds: 1000))
        #expect(Self.value(second.families, "binwatch_sql_query_errors_total", ["collector": "c", "metric": "missing"]) == 2)
    }

    @Test func aWriteInACollectorQueryFails() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        try await server.psql(Self.schema)
        let write = CollectorFile.Metric(
            name: "sneaky", type: .gauge, help: "h", values: ["v"],
            query: "INSERT INTO cache_refresh_status VALUES ('X', now()) RETURNING 1 AS v")
        let source = try Self.source(server, [CollectorFile(collectorName: "c", metrics: [write])])
        let report = await source.collectReport(at: Timestamp(milliseconds: 0))
        #expect(report.errors.map(\.description) == [
            "collector \"c\", metric \"sneaky\": ERROR: cannot execute INSERT in a read-only transaction (SQLSTATE 25006)",
        ])
        #expect(try await server.psql("SELECT count(*) FROM cache_refresh_status WHERE facility_id = 'X'") == "0\n")
    }

    @Test func minIntervalReusesTheLastResult() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        try await server.psql(Self.schema)
        let count = CollectorFile.Metric(
            name: "rows", type: .gauge, help: "h", values: ["n"], query: "SELECT count(*) AS n FROM cache_refresh_status")
        let source = try Self.source(
            server, [CollectorFile(collectorName: "c", minInterval: PromDuration(seconds: 60), metrics: [count])])
        #expect(Self.value(try await source.collect(at: Timestamp(seconds: 1000)), "rows") == 3)
        try await server.psql("INSERT INTO cache_refresh_status VALUES ('F9', now())")
        #expect(Self.value(try await source.collect(at: Timestamp(seconds: 1059)), "rows") == 3)
        #expect(Self.value(try await source.collect(at: Timestamp(seconds: 1060)), "rows") == 4)
    }

    @Test func theDSNPasswordNeverAppearsInAnyOutput() async throws {
        let password = "Pw-Never-Printed-7"
        let server = try await TestPostgres(password: password)
        defer { server.stop() }
        try await server.psql(Self.schema)
        let bad = CollectorFile.Metric(name: "bad", type: .gauge, help: "h", values: ["v"], query: "SELECT v FROM nope")
        let collectors = [CollectorFile(collectorName: "c", metrics: [Self.byAlgorithm, bad])]
        let good = try Self.source(server, conninfo: server.tcpURI, collectors, labels: Labels(["db": "a"]))
        let wrongUser = try Self.source(
            server, conninfo: server.tcpURI.replacingOccurrences(of: "binwatch:", with: "intruder:"), collectors,
            labels: Labels(["db": "b"]))
        var outputs: [String] = []
        func record(_ report: PostgresSource.CollectionReport) throws {
            outputs.append(try TextEncoder().encode(report.families))
            outputs += report.errors.map(\.description)
            if let error = report.connectionError { outputs.append(error.description) }
        }
        let up = await good.collectReport(at: Timestamp(milliseconds: 0))
        #expect(up.up)
        try record(up)
        let denied = await wrongUser.collectReport(at: Timestamp(milliseconds: 0))
        #expect(!denied.up)
        #expect(denied.connectionError?.description.contains("intruder") == true)
        try record(denied)
        try await server.stopServer()
        let down = await good.collectReport(at: Timestamp(milliseconds: 1000))
        #expect(!down.up)
        try record(down)
        outputs += try await good.gather(at: Timestamp(milliseconds: 2000)).problems
        outputs += try await wrongUser.gather(at: Timestamp(milliseconds: 2000)).problems
        #expect(outputs.count >= 5)
        for output in outputs { #expect(!output.contains(password)) }
    }
}
