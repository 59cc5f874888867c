@testable import Exposition
import Foundation
import Model
import NodeExporterTesting
import Testing

/// Cross-check with the real Debian node_exporter (1.5.0): what `TextfileWriter` writes is read
/// without error and with the exact values, and files binwatch's textfile check rejects make
/// node_exporter report `node_textfile_scrape_error 1` too.
@Suite(.serialized, .enabled(if: NodeExporterHarness.isInstalled, "prometheus-node-exporter is not installed at /usr/bin"))
struct NodeExporterIntegrationTests {
    static let families: [MetricFamily] = [
        MetricFamily(name: "bin_utilization_ratio", help: "Share of bin volume used, by zone.\nSecond line \\ with backslash.", type: .gauge, samples: [
            MetricSample(name: "bin_utilization_ratio", labels: Labels(["zone": "A-1", "facility": "dc\"north\""]), value: 0.1),
            MetricSample(name: "bin_utilization_ratio", labels: Labels(["zone": "B\\2\nx", "facility": "dc-ü"]), value: 1.5e-7),
            MetricSample(name: "bin_utilization_ratio", labels: Labels(["zone": "C"]), value: -.infinity),
        ]),
        MetricFamily(name: "putaway_recommendations_total", help: "Recommendations made.", type: .counter, samples: [
            MetricSample(name: "putaway_recommendations_total", labels: Labels(["algorithm": "HYBRID"]), value: 1e6),
            MetricSample(name: "putaway_recommendations_total", labels: Labels(["algorithm": "FFD"]), value: 123_456_789_012),
        ]),
        MetricFamily(name: "putaway_batch_seconds", help: "Batch processing time.", type: .histogram, samples: [
            MetricSample(name: "putaway_batch_seconds_bucket", labels: Labels(["le": "0.5"]), value: 2),
            MetricSample(name: "putaway_batch_seconds_bucket", labels: Labels(["le": "1"]), value: 5),
            MetricSample(name: "putaway_batch_seconds_bucket", labels: Labels(["le": "+Inf"]), value: 7),
            MetricSample(name: "putaway_batch_seconds_sum", value: 6.25),
            MetricSample(name: "putaway_batch_seconds_count", value: 7),
        ]),
        MetricFamily(name: "ml_model_accuracy_percentage", type: .untyped, samples: [
            MetricSample(name: "ml_model_accuracy_percentage", value: 97.25),
        ]),
        MetricFamily(name: "sql_query_quantiles", help: "Query latency.", type: .summary, samples: [
            MetricSample(name: "sql_query_quantiles", labels: Labels(["quantile": "0.5"]), value: 0.012),
            MetricSample(name: "sql_query_quantiles", labels: Labels(["quantile": "0.99"]), value: 0.3),
            MetricSample(name: "sql_query_quantiles_sum", value: 4.5),
            MetricSample(name: "sql_query_quantiles_count", value: 100),
        ]),
    ]

    @Test func nodeExporterReadsWhatTheWriterWritesExactly() async throws {
        let dir = try TextfileWriterTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try TextfileWriter(path: dir + "/binwatch.prom").write(Self.families)
        let exporter = try await NodeExporterHarness(directory: dir)
        defer { exporter.stop() }
        let scraped = try TextParser(fileName: "node_exporter /metrics").parse(await exporter.scrape())
        let byName = Dictionary(scraped.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byName["node_textfile_scrape_error"]?.samples.map(\.value) == [0])
        #expect(byName["node_textfile_mtime_seconds"]?.samples.first?.labels["file"]?.hasSuffix("binwatch.prom") == true)
        for family in Self.families {
            let got = try #require(byName[family.name], "family \(family.name) missing from the scrape")
            #expect(got.type == family.type)
            #expect(got.help == family.help ?? "Metric read from \(dir)/binwatch.prom")
            #expect(Self.values(got) == Self.values(family), "family \(family.name)")
        }
    }

    /// Each file is rejected by `TextParser(textfile: true)` and makes node_exporter drop it.
    @Test func badFilesAreRejectedByBoth() async throws {
        let dir = try TextfileWriterTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let exporter = try await NodeExporterHarness(directory: dir)
        defer { exporter.stop() }
        let bad: [(String, String)] = [
            ("timestamp", "# TYPE a gauge\na 1 1700000000000\n"),
            ("no final newline", "# TYPE a gauge\na 1"),
            ("CRLF", "# TYPE a gauge\r\na 1\r\n"),
            ("escaped quote in HELP", "# HELP a say \\\"hi\\\"\na 1\n"),
            ("bad escape in label", "a{b=\"\\t\"} 1\n"),
            ("TYPE after samples", "a 1\n# TYPE a gauge\n"),
            ("second HELP", "# HELP a x\n# HELP a y\na 1\n"),
            ("invalid float", "a 1_000\n"),
            ("duplicate label name", "a{b=\"1\",b=\"2\"} 1\n"),
            ("__name__ label", "a{__name__=\"b\"} 1\n"),
            ("unknown type", "# TYPE a gaugehistogram\na 1\n"),
            ("trailing whitespace", "a 1 \n"),
        ]
        let path = dir + "/case.prom"
        for (name, text) in bad {
            #expect(throws: ExpositionErrors.self, "binwatch accepts \(name)") { try TextParser(textfile: true).parse(text) }
            try TextfileWriter(path: path).write(contents: Array(text.utf8))
            let scraped = try TextParser().parse(await exporter.scrape())
            let error = scraped.first { $0.name == "node_textfile_scrape_error" }?.samples.first?.value
            #expect(error == 1, "node_exporter accepted \(name)")
        }
        // And the control: a good file brings the error back to 0.
        try TextfileWriter(path: path).write(Self.families)
        let scraped = try TextParser().parse(await exporter.scrape())
        #expect(scraped.first { $0.name == "node_textfile_scrape_error" }?.samples.first?.value == 0)
    }

    /// name{labels} -> value bits (NaN-safe), independent of order.
    static func values(_ family: MetricFamily) -> [String: UInt64] {
        Dictionary(family.samples.map { ("\($0.name)\($0.labels)", $0.value.bitPattern) }, uniquingKeysWith: { a, _ in a })
    }
}
