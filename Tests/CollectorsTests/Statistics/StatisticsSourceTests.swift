import Collectors
import Exposition
import Foundation
import Model
import PostgresClient
import PostgresTesting
import Testing

/// `StatisticsSource` against a real PostgreSQL 15, checked against scipy on the same rows.
@Suite struct StatisticsSourceTests {
    /// 300 rows: features x ~ y correlated, v with planted outliers, a rising trend, an A/B
    /// score where HYBRID is higher, and acceptance that depends on the algorithm.
    static let schema = """
        SELECT setseed(0.42);
        CREATE TABLE samples AS
        SELECT id, algorithm, x, 0.4 * x + 30 * r1 AS y,
               CASE id WHEN 7 THEN 150 WHEN 50 THEN 210 WHEN 90 THEN 75 WHEN 91 THEN 82 WHEN 120 THEN -120 WHEN 200 THEN 96 WHEN 201 THEN 112
                       ELSE 40 + 20 * r2 END AS v,
               id / 10.0::float8 AS t, 0.002 * id + r3 AS trend_value,
               r4 + CASE algorithm WHEN 'HYBRID' THEN 0.15 ELSE 0 END AS score,
               r5 < CASE algorithm WHEN 'HYBRID' THEN 0.8 ELSE 0.65 END AS accepted
        FROM (SELECT i AS id, (ARRAY['HYBRID', 'FFD', 'BFD'])[1 + i % 3] AS algorithm, 100 * random() AS x,
                     random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5
              FROM generate_series(1, 300) AS i) AS s;
        """
    static let referenceQuery = "SELECT id, algorithm, x, y, v, t, trend_value, score, accepted FROM samples ORDER BY id"

    static let analyses = """
          statistics:
            - {name: utilization, source: wms, kind: describe, query: SELECT v FROM samples, value: v, labels: {facility: FAC-01}}
            - name: utilization_outliers
              source: wms
              kind: outliers
              query: SELECT v FROM samples
              value: v
              methods: [iqr, zscore, modified-zscore]
              labels: {facility: FAC-01}
            - {name: confidence_vs_acceptance, source: wms, kind: correlation, query: 'SELECT x, y FROM samples',
               x: x, y: y, feature_x: confidence_score, feature_y: acceptance}
            - {name: acceptance_trend, source: wms, kind: trend, query: 'SELECT t, trend_value FROM samples',
               x: t, value: trend_value, metric: acceptance_rate, higher_is_better: true}
            - {name: hybrid_vs_ffd, source: wms, kind: ab_test, query: 'SELECT algorithm, score FROM samples',
               group: algorithm, a: HYBRID, b: FFD, value: score}
            - {name: acceptance_by_algorithm, source: wms, kind: chisq, query: 'SELECT algorithm, accepted FROM samples',
               group: algorithm, outcome: accepted}
            - name: acceptance_hybrid_ffd
              source: wms
              kind: chisq
              query: SELECT algorithm, accepted, count(*) AS n FROM samples WHERE algorithm IN ('HYBRID', 'FFD') GROUP BY 1, 2
              group: algorithm
              outcome: accepted
              count: n
        """

    /// The source for `statistics` (the YAML list under `sources:`) on `server`.
    static func source(_ server: TestPostgres, _ statistics: String) throws -> StatisticsSource {
        let yaml = """
            sources:
              postgres:
                - {name: wms, dsn: "\(server.socketConninfo)", query_timeout: 5s, collector_files: [none.yml]}
            \(statistics)
            """
        let config = try SourcesConfig.decode(yaml: yaml, file: "binwatch.yml", environment: [:])
        let options = ConnectionOptions(backoff: .init(initial: .zero, maximum: .zero))
        return try StatisticsSource.make(analyses: config.statistics, postgres: config.postgres, options: options)
    }

    static func value(_ families: [MetricFamily], _ name: String, _ labels: [String: String]) -> Double? {
        families.first { $0.name == name }?.samples.first { $0.labels == Labels(labels) }?.value
    }

    /// Within 1e-9 relative of scipy's figure.
    static func expectClose(
        _ got: Double?, _ reference: Any?, _ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        guard let got, let expected = (reference as? NSNumber)?.doubleValue else {
            Issue.record("\(what): got \(String(describing: got)), reference \(String(describing: reference))",
                         sourceLocation: sourceLocation)
            return
        }
        let ok = abs(got - expected) <= 1e-9 * abs(expected) || abs(got - expected) < 1e-300
        #expect(ok, "\(what): binwatch \(got), scipy \(expected)", sourceLocation: sourceLocation)
    }

    @Test func everyExportedFigureEqualsScipys() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        try await server.psql(Self.schema)
        let reference = try await ScipyReference.compute(rows: try await server.psql(Self.referenceQuery))
        let source = try Self.source(server, Self.analyses)
        let report = await source.collectReport(at: Timestamp(milliseconds: 0))
        await source.close()
        #expect(report.errors.isEmpty, "\(report.errors)")
        let f = report.families

        let describe = try #require(reference["describe"] as? [String: Any])
        for statistic in ["mean", "median", "stddev", "variance", "min", "max", "p25", "p50", "p75", "p90", "p95", "p99",
                          "ci95_low", "ci95_high"] {
            Self.expectClose(
                Self.value(f, "statistical_analysis_descriptive", ["analysis": "utilization", "facility": "FAC-01", "statistic": statistic]),
                describe[statistic], "describe \(statistic)")
        }
        #expect(Self.value(f, "statistical_analysis_sample_size", ["analysis": "utilization", "facility": "FAC-01"]) == 300)

        let outliers = try #require(reference["outliers"] as? [String: Any])
        let counts = try #require(outliers["counts"] as? [String: [String: Int]])
        var anyOutlier = false
        for (method, bySeverity) in counts {
            for (severity, count) in bySeverity {
                anyOutlier = anyOutlier || count > 0
                #expect(Self.value(f, "statistical_analysis_outlier_count", [
                    "analysis": "utilization_outliers", "facility": "FAC-01", "method": method, "severity": severity,
                ]) == Double(count), "\(method) \(severity)")
            }
        }
        #expect(anyOutlier, "the planted outliers are found")
        #expect(f.first { $0.name == "statistical_analysis_outlier_count" }?.samples.count == 12)
        let critical = try #require(outliers["critical"] as? Int)
        #expect(critical > 0)
        #expect(Self.value(f, "statistical_analysis_critical_outlier_count", ["analysis": "utilization_outliers", "facility": "FAC-01"]) == Double(critical))

        let correlation = try #require(reference["correlation"] as? [String: Any])
        let features = ["feature_x": "confidence_score", "feature_y": "acceptance"]
        Self.expectClose(Self.value(f, "correlation_analysis_pearson_coefficient", features), correlation["pearson"], "pearson")
        Self.expectClose(Self.value(f, "correlation_analysis_spearman_coefficient", features), correlation["spearman"], "spearman")
        let pearsonP = try #require((correlation["pearson_p"] as? NSNumber)?.doubleValue)
        #expect(Self.value(f, "statistical_analysis_significant", ["analysis": "confidence_vs_acceptance"]) == (pearsonP < 0.05 ? 1 : 0))

        let trend = try #require(reference["trend"] as? [String: Any])
        Self.expectClose(Self.value(f, "trend_slope", ["metric": "acceptance_rate"]), trend["slope"], "trend slope")
        let trendP = try #require((trend["p"] as? NSNumber)?.doubleValue)
        #expect(Self.value(f, "statistical_analysis_significant", ["analysis": "acceptance_trend"]) == (trendP < 0.05 ? 1 : 0))
        #expect(Self.value(f, "trend_direction", ["metric": "acceptance_rate"]) == (trendP < 0.05 ? 1 : 0))

        let ab = try #require(reference["ab_test"] as? [String: Any])
        Self.expectClose(Self.value(f, "ab_test_p_value", ["test": "hybrid_vs_ffd"]), ab["p"], "Welch p")
        Self.expectClose(Self.value(f, "ab_test_effect_size", ["test": "hybrid_vs_ffd"]), ab["d"], "Cohen's d")
        Self.expectClose(Self.value(f, "statistical_analysis_sample_size", ["analysis": "hybrid_vs_ffd"]), ab["n"], "A/B n")

        let chisq = try #require(reference["chisq"] as? [String: Any])
        Self.expectClose(Self.value(f, "ab_test_p_value", ["test": "acceptance_by_algorithm"]), chisq["p3"], "chi-square 3x2 p")
        Self.expectClose(Self.value(f, "statistical_analysis_sample_size", ["analysis": "acceptance_by_algorithm"]), chisq["n3"], "3x2 n")
        Self.expectClose(Self.value(f, "ab_test_p_value", ["test": "acceptance_hybrid_ffd"]), chisq["p2"], "chi-square 2x2 (Yates) p")
        Self.expectClose(Self.value(f, "statistical_analysis_sample_size", ["analysis": "acceptance_hybrid_ffd"]), chisq["n2"], "2x2 n")

        // Self metrics for every analysis; the whole pass is valid exposition without NaN/Inf.
        for name in ["utilization", "utilization_outliers", "confidence_vs_acceptance", "acceptance_trend", "hybrid_vs_ffd"] {
            let labels = name.hasPrefix("utilization") ? ["analysis": name, "facility": "FAC-01"] : ["analysis": name]
            #expect(Self.value(f, "statistical_analysis_errors_total", labels) == 0, "\(name)")
            #expect((Self.value(f, "statistical_analysis_duration_seconds", labels) ?? -1) >= 0, "\(name)")
        }
        let text = try TextEncoder().encode(f)
        #expect(!text.contains("NaN") && !text.contains("Inf"))
        #expect(text.contains("# TYPE statistical_analysis_errors_total counter\n"))
    }
}
