@testable import Collectors
import Exposition
import Model
import Testing

@Suite struct CollectorFileTests {
    /// The example from issue 5, verbatim.
    static let issueExample = """
        collector_name: wms_cache
        min_interval: 0s            # reuse the last result for this long
        metrics:
          - metric_name: bin_utilization_cache_age_seconds
            type: gauge             # gauge | counter
            help: 'Age of the bin utilization cache.'
            key_labels: [facility]  # columns that become labels
            static_labels: {source: wms}
            values: [age_seconds]   # numeric columns; with several, value_label names the label
            # value_label: column
            query: |
              SELECT facility_id AS facility, EXTRACT(EPOCH FROM now() - max(refreshed_at)) AS age_seconds
              FROM cache_refresh_status GROUP BY facility_id
        """

    @Test func decodesTheIssuesExample() throws {
        let file = try CollectorFile.decode(yaml: Self.issueExample, file: "wms_cache.yml")
        #expect(file.collectorName == "wms_cache")
        #expect(file.minInterval == .zero)
        let metric = try #require(file.metrics.first)
        #expect(metric.name == "bin_utilization_cache_age_seconds")
        #expect(metric.type == .gauge)
        #expect(metric.help == "Age of the bin utilization cache.")
        #expect(metric.keyLabels == ["facility"])
        #expect(metric.staticLabels == Labels(["source": "wms"]))
        #expect(metric.values == ["age_seconds"])
        #expect(metric.valueLabel == nil)
        #expect(metric.query.hasPrefix("SELECT facility_id AS facility"))
        #expect(metric.location == SourceLocation(file: "wms_cache.yml", line: 4, column: 5))
    }

    static func metricYAML(_ body: String) -> String {
        "collector_name: c\nmetrics:\n  - metric_name: m\n    help: h\n    query: SELECT 1 AS v\n" + body
    }

    @Test(arguments: [
        ("    type: gauge\n    values: [a, b]\n",
         "f.yml:3:5: metrics[0].value_label: expected a label name to tell the 2 value columns apart, found no such key"),
        ("    type: histogram\n    values: [v]\n",
         "f.yml:6:11: metrics[0].type: expected gauge or counter, found \"histogram\""),
        ("    type: gauge\n    values: [v]\n    querry: x\n",
         "f.yml:8:5: metrics[0].querry: expected one of the keys metric_name, type, help, key_labels, static_labels, values, value_label, query, found unknown key \"querry\""),
        ("    type: gauge\n    values: [v]\n    key_labels: [zone]\n    static_labels: {zone: a}\n",
         "f.yml:9:21: metrics[0].static_labels.zone: expected a static label that is not also a key label, found \"zone\" in key_labels"),
        ("    type: gauge\n    values: []\n",
         "f.yml:7:13: metrics[0].values: expected at least one value column, found an empty list"),
        ("    type: gauge\n    values: [v]\n    key_labels: [bad-name]\n",
         "f.yml:8:18: metrics[0].key_labels[0]: expected a label name matching [a-zA-Z_][a-zA-Z0-9_]* and not starting with __, found \"bad-name\""),
    ])
    func badMetrics(body: String, message: String) {
        do {
            _ = try CollectorFile.decode(yaml: Self.metricYAML(body), file: "f.yml")
            Issue.record("decoded a bad collector file")
        } catch {
            #expect(error.errors.map(\.description) == [message])
        }
    }

    @Test func aBadMetricNameAndADuplicate() {
        let yaml = """
            collector_name: c
            metrics:
              - {metric_name: 'bad name', type: gauge, help: h, values: [v], query: q}
              - {metric_name: ok, type: COUNTER, help: h, values: [v], query: q}
              - {metric_name: ok, type: gauge, help: h, values: [v], query: q}
            """
        do {
            _ = try CollectorFile.decode(yaml: yaml, file: "f.yml")
            Issue.record("decoded a bad collector file")
        } catch {
            #expect(error.errors.map(\.description) == [
                "f.yml:3:19: metrics[0].metric_name: expected a metric name matching [a-zA-Z_:][a-zA-Z0-9_:]*, found \"bad name\"",
                "f.yml:5:5: metrics[1].metric_name: expected a metric name not used before in this collector, found \"ok\" again (first at f.yml:4:5)",
            ])
        }
    }
}
