@testable import Exposition
import Model
import Testing

/// The metadata a parsed page keeps for `/api/v1/metadata`: what Prometheus 2.42's scrape
/// cache records (`setType`, `setHelp`, `setUnit`), an entry per family with any of HELP,
/// TYPE or UNIT, samples or not, `unknown` where no type was declared or it was untyped.
@Suite struct MetricMetadataTests {
    @Test func prometheusTextKeepsWhatItsLinesDeclared() throws {
        let page = """
            # HELP jobs_total Jobs done, a \\\\ and a\\nnewline.
            # TYPE jobs_total counter
            jobs_total 3
            # TYPE bins gauge
            bins 4
            # HELP helped only help
            helped 1
            # TYPE loose untyped
            loose 2
            bare 5
            # HELP quiet declared, no samples
            # TYPE quiet gauge
            # HELP lat Latency.
            # TYPE lat histogram
            lat_bucket{le="+Inf"} 1
            lat_sum 0.5
            lat_count 1

            """
        let parsed = try TextParser().parseExposition(Array(page.utf8))
        #expect(parsed.families.map(\.name) == ["jobs_total", "bins", "helped", "loose", "bare", "lat"])
        #expect(parsed.metadata == [
            MetricMetadata(metric: "jobs_total", type: "counter", help: "Jobs done, a \\ and a\nnewline."),
            MetricMetadata(metric: "bins", type: "gauge"),
            MetricMetadata(metric: "helped", type: "unknown", help: "only help"),
            MetricMetadata(metric: "loose", type: "unknown"),
            MetricMetadata(metric: "quiet", type: "gauge", help: "declared, no samples"),
            MetricMetadata(metric: "lat", type: "histogram", help: "Latency."),
        ])
        // `parse` is the same pass without the metadata.
        #expect(try TextParser().parse(page) == parsed.families)
    }

    @Test func openMetricsKeepsItsOwnTypeWordsAndUnits() throws {
        let page = """
            # TYPE build info
            build_info{version="1"} 1
            # TYPE mode stateset
            mode{mode="a"} 1
            # TYPE queue gaugehistogram
            queue_bucket{le="+Inf"} 1
            queue_gcount 1
            queue_gsum 2
            # TYPE wait_seconds gauge
            # UNIT wait_seconds seconds
            wait_seconds 1
            # TYPE other unknown
            other 1
            # EOF

            """
        let parsed = try TextParser(format: .openMetrics).parseExposition(Array(page.utf8))
        #expect(parsed.metadata == [
            MetricMetadata(metric: "build", type: "info"),
            MetricMetadata(metric: "mode", type: "stateset"),
            MetricMetadata(metric: "queue", type: "gaugehistogram"),
            MetricMetadata(metric: "wait_seconds", type: "gauge", unit: "seconds"),
            MetricMetadata(metric: "other", type: "unknown"),
        ])
    }

    @Test func familiesBuiltInCodeDeclareTheirHelpAndType() {
        let families = [
            MetricFamily(name: "pg_up", help: "Whether the database answered.", type: .gauge),
            MetricFamily(name: "rows", type: .untyped),
            MetricFamily(name: "age_seconds", type: .untyped, unit: "seconds"),
            MetricFamily(name: "described", help: "", type: .untyped),
        ]
        #expect(MetricMetadata.of(families) == [
            MetricMetadata(metric: "pg_up", type: "gauge", help: "Whether the database answered."),
            MetricMetadata(metric: "age_seconds", type: "unknown", unit: "seconds"),
            MetricMetadata(metric: "described", type: "unknown"),
        ])
    }
}
