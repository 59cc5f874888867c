@testable import Exposition
import Model
import Testing

@Suite struct TextEncoderTests {
    @Test func writesSortedContiguousFamiliesWithHelpAndTypeOnce() throws {
        let families = [
            MetricFamily(name: "zeta", help: "Last.", type: .gauge, samples: [
                MetricSample(name: "zeta", labels: Labels(["b": "2"]), value: 1e6),
                MetricSample(name: "zeta", labels: Labels(["a": "1"]), value: 0.1),
            ]),
            MetricFamily(name: "alpha_total", help: "Back\\slash and\nnewline, \"quotes\" stay.", type: .counter, samples: [
                MetricSample(name: "alpha_total", value: 1.5e-7),
            ]),
            MetricFamily(name: "zeta", type: .gauge, samples: [
                MetricSample(name: "zeta", labels: Labels(["a": "0"]), value: .nan),
            ]),
            MetricFamily(name: "empty", help: "No samples.", type: .gauge),
        ]
        let text = try TextEncoder().encode(families)
        #expect(text == """
            # HELP alpha_total Back\\\\slash and\\nnewline, "quotes" stay.
            # TYPE alpha_total counter
            alpha_total 1.5e-07
            # HELP zeta Last.
            # TYPE zeta gauge
            zeta{a="0"} NaN
            zeta{a="1"} 0.1
            zeta{b="2"} 1e+06

            """)
    }

    @Test func escapesLabelValues() throws {
        let value = "a\\b\"c\nd ü {}=,"
        let text = try TextEncoder().encode([
            MetricFamily(name: "x", type: .untyped, samples: [MetricSample(name: "x", labels: Labels(["v": value]), value: -.infinity)]),
        ])
        #expect(text == "# TYPE x untyped\nx{v=\"a\\\\b\\\"c\\nd ü {}=,\"} -Inf\n")
        #expect(try TextParser().parse(text)[0].samples[0].labels["v"] == value)
        #expect(TextEncoder.escapeLabelValue(value) == "a\\\\b\\\"c\\nd ü {}=,")
        #expect(TextEncoder.escapeHelp(value) == "a\\\\b\"c\\nd ü {}=,")
    }

    @Test func ordersHistogramBucketsNumericallyThenSumThenCount() throws {
        func bucket(_ le: String, _ v: Double, _ a: String = "x") -> MetricSample {
            MetricSample(name: "h_bucket", labels: Labels(["a": a, "le": le]), value: v)
        }
        let family = MetricFamily(name: "h", type: .histogram, samples: [
            MetricSample(name: "h_count", labels: Labels(["a": "x"]), value: 3),
            bucket("+Inf", 3), bucket("10", 2), bucket("2.5", 1),
            MetricSample(name: "h_sum", labels: Labels(["a": "x"]), value: 12.5),
        ])
        let text = try TextEncoder().encode([family])
        #expect(text == """
            # TYPE h histogram
            h_bucket{a="x",le="2.5"} 1
            h_bucket{a="x",le="10"} 2
            h_bucket{a="x",le="+Inf"} 3
            h_sum{a="x"} 12.5
            h_count{a="x"} 3

            """)
    }

    @Test func writesTimestampsOutsideTextfileMode() throws {
        let family = MetricFamily(name: "t", type: .gauge, samples: [MetricSample(name: "t", value: 1, timestamp: Timestamp(milliseconds: -5))])
        #expect(try TextEncoder().encode([family]) == "# TYPE t gauge\nt 1 -5\n")
        #expect(throws: EncodeError(family: "t", message: "sample t has a timestamp: node_exporter's textfile collector rejects client-side timestamps and drops the whole file")) {
            try TextEncoder(textfile: true).encode([family])
        }
    }

    /// Duplicates are rejected, not merged; so are families the parser would reject.
    @Test(arguments: [
        (MetricFamily(name: "d", type: .gauge, samples: [MetricSample(name: "d", value: 1), MetricSample(name: "d", value: 2)]),
         "duplicate series d: each name and label set must appear once"),
        (MetricFamily(name: "d", type: .gauge, samples: [MetricSample(name: "d_other", value: 1)]),
         "sample d_other does not belong to gauge family d (expected d)"),
        (MetricFamily(name: "1d", type: .gauge, samples: [MetricSample(name: "1d", value: 1)]),
         "invalid metric name (expected [a-zA-Z_:][a-zA-Z0-9_:]*)"),
        (MetricFamily(name: "d", type: .gauge, samples: [MetricSample(name: "d", labels: Labels(["a-b": "1"]), value: 1)]),
         "invalid label name \"a-b\" on d (expected [a-zA-Z_][a-zA-Z0-9_]*)"),
        (MetricFamily(name: "h", type: .histogram, samples: [MetricSample(name: "h_bucket", labels: Labels(["le": "1"]), value: 1)]),
         "histogram h has no bucket with le=\"+Inf\""),
        (MetricFamily(name: "s", type: .summary, samples: [MetricSample(name: "s", value: 1)]),
         "summary sample s has no quantile label (expfmt silently drops it)"),
    ] as [(MetricFamily, String)])
    func rejects(family: MetricFamily, message: String) {
        #expect(throws: EncodeError(family: family.name, message: message)) {
            try TextEncoder().encode([family])
        }
    }

    @Test func rejectsConflictingFamiliesOfOneName() {
        let a = MetricFamily(name: "x", help: "A", type: .gauge, samples: [MetricSample(name: "x", value: 1)])
        var b = a
        b.help = "B"
        #expect(throws: EncodeError(family: "x", message: "given twice with different HELP texts (\"A\" and \"B\")")) {
            try TextEncoder().encode([a, b])
        }
        b.help = nil
        b.type = .counter
        #expect(throws: EncodeError(family: "x", message: "given twice with different types (gauge and counter)")) {
            try TextEncoder().encode([a, b])
        }
    }

    @Test func textfileModeRejectsReservedLabelNames() {
        let family = MetricFamily(name: "x", type: .gauge, samples: [MetricSample(name: "x", labels: Labels(["__meta": "1"]), value: 1)])
        #expect(throws: EncodeError(family: "x", message: "label name \"__meta\" starts with __, which is reserved: node_exporter's textfile collector panics on it")) {
            try TextEncoder(textfile: true).encode([family])
        }
    }
}
