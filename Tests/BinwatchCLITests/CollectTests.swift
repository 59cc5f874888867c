import Foundation
import PostgresTesting
import Testing

/// `binwatch collect` run as a process against a real PostgreSQL.
@Suite struct CollectTests {
    static let collector = """
        collector_name: wms_putaway
        metrics:
          - metric_name: putaway_recommendations_total
            type: counter
            help: 'Recommendations by algorithm.'
            key_labels: [algorithm]
            values: [n]
            query: SELECT algorithm, count(*) AS n FROM recs GROUP BY algorithm
          - metric_name: broken_metric
            type: gauge
            help: 'Fails.'
            values: [v]
            query: SELECT v FROM nope
        """

    /// A directory with binwatch.yml (dsn as given) and collectors/putaway.yml.
    static func configDirectory(dsn: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-collect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("collectors"), withIntermediateDirectories: true)
        let config = """
            global: {evaluation_interval: 30s}
            sources:
              postgres:
                - name: wms
                  dsn: "\(dsn)"
                  query_timeout: 2s
                  collector_files: [collectors/*.yml]
                  labels: {job: postgres-exporter}
            """
        try Data(config.utf8).write(to: directory.appendingPathComponent("binwatch.yml"))
        try Data(collector.utf8).write(to: directory.appendingPathComponent("collectors/putaway.yml"))
        return directory
    }

    static func seed(_ server: TestPostgres) async throws {
        try await server.psql("CREATE TABLE recs (algorithm text); INSERT INTO recs SELECT 'FFD' FROM generate_series(1, 7); INSERT INTO recs VALUES ('BFD')")
    }

    @Test func printsExpositionWithPgUp1() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        try await Self.seed(server)
        let directory = try Self.configDirectory(dsn: server.socketConninfo)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await BinwatchProcess.run(["collect", "--config", directory.appendingPathComponent("binwatch.yml").path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("# TYPE putaway_recommendations_total counter\n"))
        #expect(result.stdout.contains("putaway_recommendations_total{algorithm=\"BFD\",job=\"postgres-exporter\"} 1\n"))
        #expect(result.stdout.contains("putaway_recommendations_total{algorithm=\"FFD\",job=\"postgres-exporter\"} 7\n"))
        #expect(result.stdout.contains("pg_up{job=\"postgres-exporter\"} 1\n"))
        #expect(result.stdout.contains(
            "binwatch_sql_query_errors_total{collector=\"wms_putaway\",job=\"postgres-exporter\",metric=\"broken_metric\"} 1\n"))
        #expect(result.stderr.contains(
            "collector \"wms_putaway\", metric \"broken_metric\": ERROR: relation \"nope\" does not exist (SQLSTATE 42P01)"))
    }

    @Test func anUnreachableServerIsPgUp0AndExit0WithoutThePassword() async throws {
        let server = try await TestPostgres(password: "Cli-Secret-Pw-1")
        defer { server.stop() }
        let directory = try Self.configDirectory(dsn: "${TEST_DSN}")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await server.stopServer()
        var environment = ProcessInfo.processInfo.environment
        environment["TEST_DSN"] = server.tcpURI
        let result = try await BinwatchProcess.run(
            ["collect", "--config", directory.appendingPathComponent("binwatch.yml").path], environment: environment)
        #expect(result.status == 0)
        #expect(result.stdout.contains("pg_up{job=\"postgres-exporter\"} 0\n"))
        #expect(result.stderr.contains("source \"wms\": cannot connect:"))
        #expect(!result.stdout.contains("Cli-Secret-Pw-1"))
        #expect(!result.stderr.contains("Cli-Secret-Pw-1"))
    }

    @Test func pgEnvironmentAndPgpassAreHonoured() async throws {
        let server = try await TestPostgres(password: "Pgpass-Pw-2")
        defer { server.stop() }
        try await Self.seed(server)
        let directory = try Self.configDirectory(dsn: "")
        defer { try? FileManager.default.removeItem(at: directory) }
        let passfile = directory.appendingPathComponent("pgpass")
        try Data("127.0.0.1:\(server.port):postgres:\(server.user):Pgpass-Pw-2\n".utf8).write(to: passfile)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passfile.path)
        var environment = ProcessInfo.processInfo.environment
        environment["PGHOST"] = "127.0.0.1"
        environment["PGPORT"] = String(server.port)
        environment["PGUSER"] = server.user
        environment["PGDATABASE"] = "postgres"
        environment["PGSSLMODE"] = "disable"
        environment["PGPASSFILE"] = passfile.path
        environment["PGPASSWORD"] = nil
        let result = try await BinwatchProcess.run(
            ["collect", "--config", directory.appendingPathComponent("binwatch.yml").path], environment: environment)
        #expect(result.status == 0)
        #expect(result.stdout.contains("pg_up{job=\"postgres-exporter\"} 1\n"), "\(result.stderr)")
        #expect(result.stdout.contains("putaway_recommendations_total{algorithm=\"FFD\",job=\"postgres-exporter\"} 7\n"))
    }

    @Test func aBadConfigExits1WithFileLineColumn() async throws {
        let directory = try Self.configDirectory(dsn: "")
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = "sources:\n  postgres:\n    - name: wms\n      dsn: ''\n      query_timeout: soon\n      collector_files: [collectors/*.yml]\n"
        let path = directory.appendingPathComponent("bad.yml").path
        try Data(bad.utf8).write(to: URL(fileURLWithPath: path))
        let result = try await BinwatchProcess.run(["collect", "--config", path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "binwatch collect: \(path):5:22: sources.postgres[0].query_timeout: expected a duration like 5s, found \"soon\"\n")
    }

    @Test func aCollectorGlobMatchingNothingIsAConfigError() async throws {
        let directory = try Self.configDirectory(dsn: "")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.removeItem(at: directory.appendingPathComponent("collectors/putaway.yml"))
        let path = directory.appendingPathComponent("binwatch.yml").path
        let result = try await BinwatchProcess.run(["collect", "--config", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains(
            "\(path):7:25: sources.postgres[0].collector_files[0]: expected a glob matching at least one collector file, found no files for \"collectors/*.yml\""))
    }
}
