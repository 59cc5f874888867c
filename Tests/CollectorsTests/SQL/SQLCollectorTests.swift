import Collectors
import Exposition
import Model
import PostgresClient
import Testing

@Suite struct SQLCollectorTests {
    static let result = QueryResult(
        columns: [Column(name: "zone", type: .text), Column(name: "used", type: .int8), Column(name: "free", type: .numeric)],
        rows: [Row(["A", "3", "1.5"]), Row(["B", nil, "2"]), Row([nil, "7", nil])])

    @Test func severalValuesWithValueLabelNullsSkipped() throws {
        let metric = CollectorFile.Metric(
            name: "slots", type: .gauge, help: "h", keyLabels: ["zone"], staticLabels: Labels(["site": "dc1"]),
            values: ["used", "free"], valueLabel: "kind", query: "")
        let samples = try SQLCollector.samples(for: metric, collector: "c", from: Self.result)
        #expect(samples == [
            MetricSample(name: "slots", labels: Labels(["site": "dc1", "zone": "A", "kind": "used"]), value: 3),
            MetricSample(name: "slots", labels: Labels(["site": "dc1", "zone": "A", "kind": "free"]), value: 1.5),
            MetricSample(name: "slots", labels: Labels(["site": "dc1", "zone": "B", "kind": "free"]), value: 2),
            // A NULL key column gives no zone label at all.
            MetricSample(name: "slots", labels: Labels(["site": "dc1", "kind": "used"]), value: 7),
        ])
    }

    @Test func aMissingColumnNamesTheMetric() {
        let metric = CollectorFile.Metric(name: "m", type: .gauge, help: "h", keyLabels: ["facility"], values: ["used"], query: "")
        #expect(throws: SQLCollectorError(
            collector: "c", metric: "m",
            message: "column \"facility\" is not in the query's result (columns: zone, used, free)")) {
            try SQLCollector.samples(for: metric, collector: "c", from: Self.result)
        }
    }

    @Test func aNonNumericValueFailsTheMetric() {
        let metric = CollectorFile.Metric(name: "m", type: .gauge, help: "h", values: ["zone"], query: "")
        #expect(throws: SQLCollectorError(
            collector: "c", metric: "m", message: "value column \"zone\" of type text is not numeric: \"A\"")) {
            try SQLCollector.samples(for: metric, collector: "c", from: Self.result)
        }
    }

    @Test func duplicateSeriesFailTheMetric() {
        let metric = CollectorFile.Metric(name: "m", type: .counter, help: "h", values: ["used"], query: "")
        let result = QueryResult(columns: [Column(name: "used", type: .int4)], rows: [Row(["1"]), Row(["2"])])
        #expect(throws: SQLCollectorError.self) {
            try SQLCollector.samples(for: metric, collector: "c", from: result)
        }
    }
}
