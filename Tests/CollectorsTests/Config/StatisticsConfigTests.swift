import Collectors
import Model
import Statistics
import Testing

/// `sources.statistics` decoding: every key checked, every error with line:col.
@Suite struct StatisticsConfigTests {
    /// A postgres source `wms` (lines 1-3), then `statistics:` at line 4; entries start at line 5.
    static func yaml(_ statistics: String) -> String {
        "sources:\n  postgres:\n    - {name: wms, dsn: '', collector_files: [x.yml]}\n  statistics:\n" + statistics
    }

    static func errors(_ statistics: String) -> [String] {
        do {
            _ = try SourcesConfig.decode(yaml: yaml(statistics), file: "binwatch.yml", environment: [:])
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func decodesEveryKind() throws {
        let config = try SourcesConfig.decode(yaml: Self.yaml("""
                - name: util
                  source: wms
                  kind: outliers
                  query: SELECT pct FROM bins
                  value: pct
                  methods: [iqr, modified-zscore]
                  min_samples: 50
                  interval: 10m
                  labels: {facility: FAC-01}
                - {name: d, source: wms, kind: describe, query: q, value: v}
                - {name: c, source: wms, kind: correlation, query: q, x: conf, y: acc, feature_x: confidence}
                - {name: t, source: wms, kind: trend, query: q, x: day, value: rate, higher_is_better: false}
                - {name: ab, source: wms, kind: ab_test, query: q, group: algorithm, a: HYBRID, b: FFD, value: accepted, test: hybrid_vs_ffd}
                - {name: chi, source: wms, kind: chisq, query: q, group: algorithm, outcome: accepted, count: n, correction: false}
            """), file: "binwatch.yml", environment: [:])
        #expect(config.notDecoded.isEmpty)
        #expect(config.statistics.map(\.name) == ["util", "d", "c", "t", "ab", "chi"])
        let util = config.statistics[0]
        #expect(util.source == "wms" && util.query == "SELECT pct FROM bins")
        #expect(util.kind == .outliers(value: "pct", methods: [.iqr, .modifiedZScore]))
        #expect(util.minSamples == 50 && util.interval == PromDuration(seconds: 600))
        #expect(util.labels == Labels(["facility": "FAC-01"]))
        #expect(util.location == SourceLocation(file: "binwatch.yml", line: 5, column: 7))
        let d = config.statistics[1]
        #expect(d.kind == .describe(value: "v"))
        #expect(d.minSamples == 30 && d.interval == PromDuration(seconds: 300) && d.labels.isEmpty)
        // Feature labels default to the column names, test and metric labels to the analysis name.
        #expect(config.statistics[2].kind == .correlation(x: "conf", y: "acc", featureX: "confidence", featureY: "acc"))
        #expect(config.statistics[3].kind == .trend(x: "day", value: "rate", metric: "t", higherIsBetter: false))
        #expect(config.statistics[4].kind == .abTest(group: "algorithm", a: "HYBRID", b: "FFD", value: "accepted", test: "hybrid_vs_ffd"))
        #expect(config.statistics[5].kind == .chisq(group: "algorithm", outcome: "accepted", count: "n", test: "chi", correction: false))
    }

    @Test func outliersDefaultToAllThreeMethods() throws {
        let config = try SourcesConfig.decode(
            yaml: Self.yaml("    - {name: o, source: wms, kind: outliers, query: q, value: v}\n"), file: "b.yml", environment: [:])
        #expect(config.statistics.first?.kind == .outliers(value: "v", methods: [.iqr, .zScore, .modifiedZScore]))
    }

    @Test(arguments: [
        ("    - {name: a, source: wms, kind: describe, query: q, value: v, colour: red}\n",
         "binwatch.yml:5:66: sources.statistics[0].colour: expected one of the keys name, source, query, kind, min_samples, interval, labels, value, methods, x, y, feature_x, feature_y, metric, higher_is_better, group, a, b, test, outcome, count, correction, found unknown key \"colour\""),
        ("    - {name: a, source: wms, kind: describe, query: q, value: v, x: t}\n",
         "binwatch.yml:5:66: sources.statistics[0]: expected only keys kind describe uses (name, source, query, kind, min_samples, interval, labels, value), found \"x\", which kind describe does not use"),
        ("    - {name: a, source: wms, kind: describe, query: q}\n",
         "binwatch.yml:5:7: sources.statistics[0].value: expected the name of the column holding the sample, found no such key"),
        ("    - {name: a, source: wh, kind: describe, query: q, value: v}\n",
         "binwatch.yml:5:25: sources.statistics[0].source: expected the name of a sources.postgres entry (\"wms\"), found \"wh\""),
        ("    - {name: a, source: wms, kind: anova, query: q, value: v}\n",
         "binwatch.yml:5:36: sources.statistics[0].kind: expected one of describe, outliers, correlation, trend, ab_test, chisq, found \"anova\""),
        ("    - {name: a, source: wms, kind: outliers, query: q, value: v, methods: [iqr, grubbs]}\n",
         "binwatch.yml:5:81: sources.statistics[0].methods[1]: expected an outlier method (iqr, zscore, modified-zscore), found \"grubbs\""),
        ("    - {name: a, source: wms, kind: describe, query: q, value: v, min_samples: 2}\n",
         "binwatch.yml:5:79: sources.statistics[0].min_samples: expected an integer of at least 3, found \"2\""),
        ("    - {name: a, source: wms, kind: describe, query: q, value: v, interval: often}\n",
         "binwatch.yml:5:76: sources.statistics[0].interval: expected a duration like 5s, found \"often\""),
        ("    - {name: a, source: wms, kind: describe, query: q, value: v, labels: {analysis: x}}\n",
         "binwatch.yml:5:75: sources.statistics[0].labels.analysis: expected a label name the statistics metrics do not set themselves (not analysis, feature_x, feature_y, method, metric, severity, statistic, test), found \"analysis\""),
        ("    - {name: a, source: wms, kind: trend, query: q, x: t, value: v, higher_is_better: maybe}\n",
         "binwatch.yml:5:87: sources.statistics[0].higher_is_better: expected true or false, found \"maybe\""),
        ("    - {name: a, source: wms, kind: ab_test, query: q, group: g, a: X, b: X, value: v}\n",
         "binwatch.yml:5:74: sources.statistics[0].b: expected a group value other than a's, found \"X\" for both"),
        ("    - {name: a, source: wms, kind: describe, query: q, value: v}\n    - {name: a, source: wms, kind: describe, query: q, value: w}\n",
         "binwatch.yml:6:7: sources.statistics[1]: expected an analysis name not used before, found \"a\" again (first at binwatch.yml:5:7)"),
        ("    - {name: a, source: wms, kind: ab_test, query: q, group: g, a: X, b: Y, value: v, test: t}\n    - {name: b, source: wms, kind: chisq, query: q, group: g, outcome: o, test: t}\n",
         "binwatch.yml:6:7: sources.statistics[1]: expected labels or a test that tell this analysis apart from \"a\" at binwatch.yml:5:7, found the same test \"t\" and labels {}"),
        ("    {name: a}\n",
         "binwatch.yml:5:5: sources.statistics: expected a list of statistical analyses, found a mapping"),
    ])
    func reportsEachProblemWithItsPosition(_ statistics: String, _ expected: String) {
        #expect(Self.errors(statistics) == [expected])
    }

    @Test func anABTestNeedsBothGroupValues() {
        #expect(Self.errors("    - {name: a, source: wms, kind: ab_test, query: q, group: g, value: v}\n") == [
            "binwatch.yml:5:7: sources.statistics[0].a: expected the group value of sample A, found no such key",
            "binwatch.yml:5:7: sources.statistics[0].b: expected the group value of sample B, found no such key",
        ])
    }

    @Test func reportsEveryProblemOfAnEntryAtOnce() {
        let errors = Self.errors("    - {kind: correlation, query: '', x: a}\n")
        #expect(errors == [
            "binwatch.yml:5:7: sources.statistics[0].name: expected an analysis name, found no such key",
            "binwatch.yml:5:7: sources.statistics[0].source: expected the name of a sources.postgres entry, found no such key",
            "binwatch.yml:5:34: sources.statistics[0].query: expected an SQL query, found an empty string",
            "binwatch.yml:5:7: sources.statistics[0].y: expected the name of the column holding the second feature, found no such key",
        ])
    }
}
