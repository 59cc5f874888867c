import TestSupport
import Foundation
import PostgresTesting
import Testing

/// `binwatch collect` running sources.statistics: the example analyses over the example
/// warehouse, and config errors with line:col.
@Suite struct CollectStatisticsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// psql with extra arguments (`-v`, `-f`) on `server`.
    static func psql(_ server: TestPostgres, _ arguments: [String]) async throws {
        let result = try await ChildProcess.run(
            [TestPostgres.binaries.appendingPathComponent("psql").path, "-X", "-q", "-v", "ON_ERROR_STOP=1",
             "-h", server.directory.path, "-p", String(server.port), "-U", server.user, "-d", "postgres"] + arguments,
            environment: ProcessInfo.processInfo.environment)
        #expect(result.status == 0, "psql \(arguments): \(result.stderr)")
    }

    @Test func theExampleAnalysesRunOnTheExampleWarehouse() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        let warehouse = Self.root.appendingPathComponent("examples/warehouse")
        try await Self.psql(server, ["-f", warehouse.appendingPathComponent("schema.sql").path])
        try await Self.psql(server, ["-v", "seed=0.42", "-v", "recommendations=3000", "-v", "bins=600",
                                     "-f", warehouse.appendingPathComponent("generate.sql").path])
        var environment = ProcessInfo.processInfo.environment
        environment["BINWATCH_PG_DSN"] = server.socketConninfo
        let config = Self.root.appendingPathComponent("examples/statistics/analyses.yml").path
        let result = try await BinwatchProcess.run(["collect", "--config", config], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("sources.statistics"), "\(result.stderr)")
        let out = result.stdout
        for series in [
            "statistical_analysis_critical_outlier_count{analysis=\"bin_utilization_outliers\",facility=\"FAC-01\"} ",
            "statistical_analysis_outlier_count{analysis=\"bin_utilization_outliers\",facility=\"FAC-01\",method=\"modified-zscore\",severity=\"EXTREME\"} ",
            "statistical_analysis_descriptive{analysis=\"bin_utilization\",facility=\"FAC-01\",statistic=\"p95\"} ",
            "correlation_analysis_pearson_coefficient{facility=\"FAC-01\",feature_x=\"confidence_score\",feature_y=\"acceptance\"} ",
            "correlation_analysis_spearman_coefficient{facility=\"FAC-01\",feature_x=\"confidence_score\",feature_y=\"acceptance\"} ",
            "ab_test_p_value{facility=\"FAC-01\",test=\"hybrid_vs_ffd_acceptance\"} ",
            "ab_test_p_value{facility=\"FAC-01\",test=\"hybrid_vs_ffd_acceptance_chisq\"} ",
            "trend_slope{facility=\"FAC-01\",metric=\"putaway_acceptance_rate_percentage\"} ",
            "statistical_analysis_significant{analysis=\"confidence_vs_acceptance\",facility=\"FAC-01\"} ",
            "statistical_analysis_errors_total{analysis=\"acceptance_rate_trend\",facility=\"FAC-01\"} 0\n",
            "wms_statistical_analysis_sample_size{facility=\"FAC-01\"} ",
        ] {
            #expect(out.contains(series), "missing \(series)")
        }
        #expect(!out.contains("NaN") && !out.contains("Inf"))
        // The sample size is what the same query counts in psql.
        let count = try await server.psql(
            "SELECT count(*) FROM bin_utilization_cache WHERE facility_id = 'FAC-01' AND volume_utilization_pct IS NOT NULL")
        #expect(out.contains(
            "statistical_analysis_sample_size{analysis=\"bin_utilization_outliers\",facility=\"FAC-01\"} \(count.trimmingCharacters(in: .whitespacesAndNewlines))\n"))
    }

    @Test func aBadAnalysisIsAConfigErrorWithItsPosition() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-stats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("collector_name: c\nmetrics: [{metric_name: m, type: gauge, help: h, values: [v], query: SELECT 1 AS v}]\n".utf8)
            .write(to: directory.appendingPathComponent("c.yml"))
        let config = directory.appendingPathComponent("binwatch.yml")
        try Data("""
            sources:
              postgres:
                - {name: wms, dsn: "host=/nonexistent", collector_files: [c.yml]}
              statistics:
                - name: t
                  source: wms
                  kind: trend
                  query: SELECT 1
                  x: day
                  value: rate
                  method: iqr

            """.utf8).write(to: config)
        let result = try await BinwatchProcess.run(["collect", "--config", config.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(config.path):11:7: sources.statistics[0].method: expected one of the keys"))
        #expect(result.stderr.contains("found unknown key \"method\""))
    }
}
