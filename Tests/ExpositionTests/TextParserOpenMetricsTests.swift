@testable import Exposition
import Model
import Testing

/// OpenMetrics 1.0 text: the input of `promtool tsdb create-blocks-from openmetrics`
/// and of `binwatch query --data FILE`.
@Suite struct TextParserOpenMetricsTests {
    let parser = TextParser(format: .openMetrics, fileName: "data.om")

    @Test func parsesFamiliesWithTimestampsInSeconds() throws {
        let text = """
            # HELP putaway_jobs Jobs "done".
            # TYPE putaway_jobs counter
            # UNIT putaway_jobs 
            putaway_jobs_total{zone="a"} 3 1520879607.789
            putaway_jobs_total{zone="a"} 4 1520879667.789 # {trace_id="x"} 1 1520879667.5
            putaway_jobs_created{zone="a"} 1520000000
            # TYPE cache_age_seconds gauge
            # UNIT cache_age_seconds seconds
            cache_age_seconds 12.5 1520879607
            # TYPE lat histogram
            lat_bucket{le="0.5"} 1 1520879607
            lat_bucket{le="+Inf"} 2 1520879607
            lat_count 2 1520879607
            lat_sum 0.9 1520879607
            # TYPE build info
            build_info{version="1.0"} 1
            # TYPE mode stateset
            mode{mode="a"} 1
            # TYPE other unknown
            other -1.5e-3
            # EOF

            """
        let families = try parser.parse(text)
        #expect(families.map(\.name) == ["putaway_jobs", "cache_age_seconds", "lat", "build", "mode", "other"])
        #expect(families.map(\.type) == [.counter, .gauge, .histogram, .gauge, .gauge, .untyped])
        #expect(families[0].help == "Jobs \"done\".")
        #expect(families[0].unit == nil)
        #expect(families[1].unit == "seconds")
        let jobs = families[0].samples
        #expect(jobs.map(\.name) == ["putaway_jobs_total", "putaway_jobs_total", "putaway_jobs_created"])
        // int64(ts * 1000), as Prometheus: 1520879607.789 * 1000 = 1520879607789.0002
        #expect(jobs.map(\.timestamp) == [Timestamp(milliseconds: 1_520_879_607_789), Timestamp(milliseconds: 1_520_879_667_789), nil])
        #expect(jobs.map(\.value) == [3, 4, 1_520_000_000])
        #expect(families[1].samples[0].timestamp == Timestamp(milliseconds: 1_520_879_607_000))
        #expect(families[5].samples[0].value == -0.0015)
    }

    @Test func aSeriesMayRepeatWithIncreasingTimestamps() throws {
        let families = try parser.parse("# TYPE a gauge\na 1 10\na 2 20.5\n# EOF\n")
        #expect(families[0].samples.map(\.value) == [1, 2])
        #expect(families[0].samples.map(\.timestamp) == [Timestamp(milliseconds: 10_000), Timestamp(milliseconds: 20_500)])
    }

    @Test func eofMayBeTheLastLineWithoutNewline() throws {
        #expect(try parser.parse("a 1\n# EOF").count == 1)
    }

    @Test(arguments: [
        ("a 1\n", "2:1: missing # EOF: OpenMetrics input must end with a \"# EOF\" line"),
        ("# EOF\na 1\n", "2:1: unexpected content after # EOF (it must be the last line)"),
        ("a 1\n\n# EOF\n", "2:1: empty lines are not allowed in OpenMetrics"),
        (" a 1\n# EOF\n", "1:1: leading whitespace is not allowed in OpenMetrics"),
        ("# a comment\n# EOF\n", "1:3: expected HELP, TYPE, UNIT or EOF after '# ', found \"a\" (OpenMetrics has no other comments)"),
        ("# TYPE a untyped\n# EOF\n", "1:10: unknown metric type \"untyped\" (expected counter, gauge, histogram, gaugehistogram, summary, info, stateset or unknown)"),
        ("# TYPE a counter\na 1\n# EOF\n", "2:1: sample a does not belong to counter family a (expected a_total or a_created)"),
        ("# TYPE a_seconds gauge\n# UNIT a_seconds bytes\n# EOF\n", "2:18: unit \"bytes\" must be the suffix of the metric family name a_seconds (as in a_seconds_bytes)"),
        ("a 1 NaN\n# EOF\n", "1:5: expected a timestamp in seconds since the epoch, got \"NaN\""),
        ("a 1 1e300\n# EOF\n", "1:5: expected a timestamp in seconds since the epoch, got \"1e300\""),
        ("a 1 2 3\n# EOF\n", "1:6: unexpected text after the timestamp: \" 3\" (expected end of line)"),
        ("a{b=\"1\"}  1\n# EOF\n", "1:10: expected a float value, found end of line"),
        ("a 1 # {x=\"y\"}\n# EOF\n", "1:14: expected a single space after the exemplar labels, found end of line"),
        ("# HELP a x\\ty\n# EOF\n", "1:11: invalid escape sequence '\\t' in HELP (only \\\\, \\\" and \\n are allowed)"),
        ("# TYPE h histogram\nh_bucket{le=\"1\"} 1\n# EOF\n", "2:1: histogram h has no bucket with le=\"+Inf\""),
        ("a 1 2\na 1 1\n# EOF\n", "2:1: sample of a at 1000ms is not after the previous one at 2000ms: a series' timestamps must increase"),
        ("a 1 2\na 1\n# EOF\n", "2:1: duplicate series a: each name and label set must appear once"),
        ("a 1\nb 1\na 2\n# EOF\n", "3:1: metric family a is split: sample a appears after other families' lines (the family's lines ended at line 1); all lines of a family must be contiguous"),
    ] as [(String, String)])
    func rejects(input: String, expected: String) {
        var errors: [ExpositionError] = []
        do { _ = try parser.parse(input) } catch { errors = error.errors }
        #expect(errors.first.map { "\($0.line):\($0.column): \($0.message)" } == expected)
        #expect(errors.first?.description.hasPrefix("data.om:") == true)
    }
}
