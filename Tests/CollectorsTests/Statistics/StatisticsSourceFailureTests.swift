import Collectors
import Exposition
import Foundation
import Model
import PostgresClient
import PostgresTesting
import Testing

/// What the statistics source exports when a sample is too small, a query or column is
/// wrong, or a statistic is undefined; and how `interval` and the background run behave.
@Suite struct StatisticsSourceFailureTests {
    static let schema = """
        CREATE TABLE obs AS
        SELECT i AS id, i::float8 AS x, (i * 7 % 11)::float8 AS y, 5::float8 AS flat,
               CASE WHEN i % 2 = 0 THEN 'A' ELSE 'B' END AS grp
        FROM generate_series(1, 40) AS i;
        """
    static let value = StatisticsSourceTests.value

    @Test func tooFewSamplesExportsTheSampleSizeAndNoStatistic() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        try await server.psql(Self.schema)
        let source = try StatisticsSourceTests.source(server, """
              statistics:
                - {name: small_corr, source: wms, kind: correlation, query: 'SELECT x, y FROM obs WHERE id <= 10', x: x, y: y}
                - {name: small_ab, source: wms, kind: ab_test, query: 'SELECT grp, x FROM obs', group: grp, a: A, b: B, value: x, min_samples: 21}
                - {name: small_outliers, source: wms, kind: outliers, query: 'SELECT x FROM obs WHERE id <= 29', value: x}
                - {name: small_trend, source: wms, kind: trend, query: 'SELECT x, y FROM obs', x: x, value: y, min_samples: 41}
            """)
        let report = await source.collectReport(at: Timestamp(milliseconds: 0))
        await source.close()
        #expect(report.errors.isEmpty)
        let f = report.families
        #expect(Self.value(f, "statistical_analysis_sample_size", ["analysis": "small_corr"]) == 10)
        // The smaller group: 20 A and 20 B rows, below min_samples 21.
        #expect(Self.value(f, "statistical_analysis_sample_size", ["analysis": "small_ab"]) == 20)
        #expect(Self.value(f, "statistical_analysis_sample_size", ["analysis": "small_outliers"]) == 29)
        #expect(Self.value(f, "statistical_analysis_sample_size", ["analysis": "small_trend"]) == 40)
        // Kinds with a p-value say "not significant"; no coefficient, p-value, slope or outlier count exists.
        for analysis in ["small_corr", "small_ab", "small_trend"] {
            #expect(Self.value(f, "statistical_analysis_significant", ["analysis": analysis]) == 0, "\(analysis)")
        }
        let text = try TextEncoder().encode(f)
        for absent in ["correlation_analysis_", "ab_test_", "trend_slope", "trend_direction", "outlier_count"] {
            #expect(!text.contains(absent), "\(absent) exported for a too-small sample:\n\(text)")
        }
    }

    @Test func aBadColumnNamesTheAnalysisAndSparesTheOthers() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        try await server.psql(Self.schema)
        let source = try StatisticsSourceTests.source(server, """
              statistics:
                - {name: bad_column, source: wms, kind: describe, query: 'SELECT x FROM obs', value: nope}
                - {name: bad_query, source: wms, kind: describe, query: 'SELECT x FROM no_such_table', value: x}
                - {name: text_value, source: wms, kind: describe, query: 'SELECT grp FROM obs', value: grp}
                - {name: nan_value, source: wms, kind: describe, query: "SELECT CASE WHEN id = 3 THEN 'NaN'::float8 ELSE x END AS x FROM obs", value: x}
                - {name: constant, source: wms, kind: correlation, query: 'SELECT x, flat FROM obs', x: x, y: flat}
                - {name: fine, source: wms, kind: describe, query: 'SELECT x FROM obs', value: x}
            """)
        let report = await source.collectReport(at: Timestamp(milliseconds: 0))
        let messages = report.errors.map(\.description)
        #expect(messages.count == 5, "\(messages)")
        #expect(messages.contains("analysis \"bad_column\": column \"nope\" is not in the query's result (columns: x)"))
        #expect(messages.contains { $0.hasPrefix("analysis \"bad_query\": ") && $0.contains("42P01") })
        #expect(messages.contains { $0.hasPrefix("analysis \"text_value\": row 1: column \"grp\" of type text is not numeric") })
        #expect(messages.contains("analysis \"nan_value\": row 3: column \"x\" is nan; NaN and infinity are not accepted"))
        #expect(messages.contains("analysis \"constant\": every value of y is the same; the statistic is undefined"))
        let f = report.families
        for analysis in ["bad_column", "bad_query", "text_value", "nan_value", "constant"] {
            #expect(Self.value(f, "statistical_analysis_errors_total", ["analysis": analysis]) == 1, "\(analysis)")
        }
        #expect(Self.value(f, "statistical_analysis_errors_total", ["analysis": "fine"]) == 0)
        #expect(Self.value(f, "statistical_analysis_descriptive", ["analysis": "fine", "statistic": "mean"]) == 20.5)
        // The undefined correlation still tells its (true) sample size, but no coefficient and no significance.
        #expect(Self.value(f, "statistical_analysis_sample_size", ["analysis": "constant"]) == 40)
        #expect(Self.value(f, "statistical_analysis_significant", ["analysis": "constant"]) == nil)
        #expect(f.first { $0.name == "correlation_analysis_pearson_coefficient" } == nil)
        #expect(Self.value(f, "statistical_analysis_sample_size", ["analysis": "bad_query"]) == nil)

        // Each failed run counts once more on the next pass.
        let again = await source.collectReport(at: Timestamp(milliseconds: 3_600_000))
        await source.close()
        #expect(Self.value(again.families, "statistical_analysis_errors_total", ["analysis": "bad_column"]) == 2)
    }

    @Test func resultsAreReusedForTheIntervalAndRefreshedAfter() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        try await server.psql("CREATE TABLE grow (v float8); INSERT INTO grow SELECT i FROM generate_series(1, 30) AS i")
        let source = try StatisticsSourceTests.source(server, """
              statistics:
                - {name: grow, source: wms, kind: describe, query: 'SELECT v FROM grow', value: v, interval: 5m, min_samples: 3}
            """)
        let n = { (report: StatisticsSource.CollectionReport) in
            Self.value(report.families, "statistical_analysis_sample_size", ["analysis": "grow"])
        }
        #expect(n(await source.collectReport(at: Timestamp(milliseconds: 0))) == 30)
        try await server.psql("INSERT INTO grow VALUES (31), (32)")
        #expect(n(await source.collectReport(at: Timestamp(milliseconds: 299_999))) == 30)
        #expect(n(await source.collectReport(at: Timestamp(milliseconds: 300_000))) == 32)
        await source.close()
    }

    @Test func collectReturnsAtOnceAndShowsBackgroundResultsNextPass() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        try await server.psql(Self.schema)
        let source = try StatisticsSourceTests.source(server, """
              statistics:
                - {name: bg, source: wms, kind: describe, query: 'SELECT x FROM obs', value: x, interval: 0s}
            """)
        let first = try await source.collect(at: Timestamp(milliseconds: 0))
        // Nothing computed yet: only the error counter, at 0.
        #expect(first.map(\.name) == ["statistical_analysis_errors_total"])
        await source.waitForBackgroundRun()
        let second = try await source.collect(at: Timestamp(milliseconds: 1000))
        #expect(Self.value(second, "statistical_analysis_sample_size", ["analysis": "bg"]) == 40)
        await source.close()
    }

    @Test func anUnreachableDatabaseIsAConnectionFailure() async throws {
        let server = try await TestPostgres()
        let source = try StatisticsSourceTests.source(server, """
              statistics:
                - {name: down, source: wms, kind: describe, query: 'SELECT 1 AS x', value: x}
            """)
        server.stop()
        let report = await source.collectReport(at: Timestamp(milliseconds: 0))
        let error = try #require(report.errors.first)
        #expect(error.analysis == "down")
        #expect(error.isConnectionFailure)
        #expect(Self.value(report.families, "statistical_analysis_errors_total", ["analysis": "down"]) == 1)
        #expect(Self.value(report.families, "statistical_analysis_sample_size", ["analysis": "down"]) == nil)
    }
}
