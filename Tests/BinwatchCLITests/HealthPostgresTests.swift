import Foundation
import PostgresTesting
import Testing

/// `binwatch health` on the example warehouse in a real PostgreSQL, through the example's
/// cache collector and the example's cache_age and database_connection checks: the exit code
/// follows the JSON's status (0 HEALTHY, 1 DEGRADED, 2 UNHEALTHY) as the data changes.
@Suite struct HealthPostgresTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().standardizedFileURL.path

    struct Outcome {
        var status: Int32
        var overall: String
        var checks: [String: (status: String, value: Double?)]
    }

    func health(config: String, dsn: String) async throws -> Outcome {
        var environment = ProcessInfo.processInfo.environment
        environment["BINWATCH_PG_DSN"] = dsn
        let result = try await BinwatchProcess.run(["health", "--config", config], environment: environment)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "stdout: \(result.stdout) \(result.stderr)")
        let checks = try #require(json["checks"] as? [String: [String: Any]])
        var outcome = Outcome(status: result.status, overall: json["status"] as? String ?? "", checks: [:])
        for (name, check) in checks { outcome.checks[name] = (check["status"] as? String ?? "", check["value"] as? Double) }
        return outcome
    }

    @Test func exitCodesFollowTheWarehouse() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        try await server.psql("CREATE DATABASE wms")
        try await server.psql(file: Self.root + "/examples/warehouse/schema.sql", database: "wms")
        try await server.psql(
            file: Self.root + "/examples/warehouse/generate.sql",
            variables: ["seed": "0.42", "recommendations": "1000", "bins": "200"], database: "wms")
        let dir = NSTemporaryDirectory() + "binwatch-health-pg-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = dir + "/binwatch.yml"
        try """
            sources:
              postgres:
                - name: wms
                  dsn: "${BINWATCH_PG_DSN}"
                  collector_files: [\(Self.root)/examples/collectors/wms_cache.yml]
            health_checks:
              - name: cache_age
                expr: bin_utilization_cache_age_seconds / 60
                degraded_above: 15
                unhealthy_above: 30
                message: 'Cache age at {{ $labels.facility }}: {{ printf "%.1f" $value }} minutes'
              - name: database_connection
                expr: pg_up
                unhealthy_below: 1
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let dsn = server.socketConninfo(database: "wms")
        // A successful refresh of every cache: FAC-03's `minutesAgo`, the others' now.
        func refresh(minutesAgo: Int) async throws {
            try await server.psql("""
                INSERT INTO cache_refresh_status (refresh_id, cache_name, facility_id, refreshed_at, duration_seconds, success)
                SELECT (SELECT max(refresh_id) FROM cache_refresh_status) + row_number() OVER (ORDER BY facility_id),
                       'bin_utilization_cache', facility_id,
                       CASE WHEN facility_id = 'FAC-03' THEN now() - interval '\(minutesAgo) minutes' ELSE now() END, 1.5, true
                FROM facilities
                """, database: "wms")
        }
        func fac03Minutes() async throws -> Double {
            let text = try await server.psql("""
                SELECT EXTRACT(EPOCH FROM now() - max(refreshed_at)) / 60 FROM cache_refresh_status
                WHERE facility_id = 'FAC-03' AND cache_name = 'bin_utilization_cache' AND success
                """, database: "wms")
            return try #require(Double(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        }

        // As generated: FAC-03's cache is 40 minutes old (the worst series decides).
        var outcome = try await health(config: config, dsn: dsn)
        #expect(outcome.status == 2)
        #expect(outcome.overall == "UNHEALTHY")
        #expect(outcome.checks["cache_age"]?.status == "UNHEALTHY")
        #expect(abs((outcome.checks["cache_age"]?.value ?? 0) - (try await fac03Minutes())) < 1)
        #expect(outcome.checks["database_connection"]?.status == "HEALTHY")

        try await refresh(minutesAgo: 20)
        outcome = try await health(config: config, dsn: dsn)
        #expect(outcome.status == 1)
        #expect(outcome.overall == "DEGRADED")
        #expect(outcome.checks["cache_age"]?.status == "DEGRADED")
        #expect(abs((outcome.checks["cache_age"]?.value ?? 0) - (try await fac03Minutes())) < 1)

        try await refresh(minutesAgo: 0)
        outcome = try await health(config: config, dsn: dsn)
        #expect(outcome.status == 0)
        #expect(outcome.overall == "HEALTHY")
        #expect(outcome.checks["cache_age"]?.status == "HEALTHY")

        // No database: pg_up 0 and no cache data, both UNHEALTHY.
        try await server.stopServer()
        outcome = try await health(config: config, dsn: dsn)
        #expect(outcome.status == 2)
        #expect(outcome.checks["database_connection"]?.status == "UNHEALTHY")
        #expect(outcome.checks["database_connection"]?.value == 0)
        #expect(outcome.checks["cache_age"]?.status == "UNHEALTHY")
        #expect(outcome.checks["cache_age"]?.value == nil)
    }
}
