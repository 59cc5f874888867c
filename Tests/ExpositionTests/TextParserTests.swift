@testable import Exposition
import Model
import Testing

@Suite struct TextParserTests {
    @Test func parsesFamiliesValuesLabelsAndTimestamps() throws {
        let text = """
            # A plain comment.
            # HELP jobs_total Jobs done, with a \\\\ and a\\nnewline.
            # TYPE jobs_total COUNTER
            jobs_total{zone="a",kind="x\\"y\\\\z\\n"} 3 1700000000000
              jobs_total { zone = "b" , } 4e+06

            # TYPE lat histogram
            lat_bucket{le="0.5"} 1
            lat_bucket{le="+Inf"} 2
            lat_sum 0.75
            lat_count 2
            # TYPE q summary
            q{quantile="0.5"} NaN
            q_sum -Inf
            q_count 0
            plain 1

            """
        let families = try TextParser().parse(text)
        #expect(families.map(\.name) == ["jobs_total", "lat", "q", "plain"])
        let jobs = families[0]
        #expect(jobs.type == .counter)
        #expect(jobs.help == "Jobs done, with a \\ and a\nnewline.")
        #expect(jobs.samples[0].labels == Labels(["zone": "a", "kind": "x\"y\\z\n"]))
        #expect(jobs.samples[0].value == 3)
        #expect(jobs.samples[0].timestamp == Timestamp(milliseconds: 1_700_000_000_000))
        #expect(jobs.samples[1].labels == Labels(["zone": "b"]))
        #expect(jobs.samples[1].value == 4e6)
        #expect(jobs.samples[1].timestamp == nil)
        #expect(families[1].type == .histogram)
        #expect(families[1].samples.map(\.name) == ["lat_bucket", "lat_bucket", "lat_sum", "lat_count"])
        #expect(families[1].samples[1].labels["le"] == "+Inf")
        #expect(families[2].samples[0].value.isNaN)
        #expect(families[2].samples[1].value == -.infinity)
        #expect(families[3].type == .untyped)
        #expect(families[3].samples == [MetricSample(name: "plain", value: 1)])
    }

    @Test func emptyInputAndCommentsOnlyAreValid() throws {
        #expect(try TextParser().parse("").isEmpty)
        #expect(try TextParser().parse("# just a comment\n\n# HELP\n").isEmpty)
    }

    @Test func familiesWithoutSamplesAreDropped() throws {
        let families = try TextParser().parse("# HELP a nothing yet\n# TYPE a gauge\n# TYPE b gauge\nb 1\n")
        #expect(families.map(\.name) == ["b"])
    }

    @Test func errorsCarryFileLineAndColumnAndAreAllCollected() {
        let parser = TextParser(fileName: "x.prom")
        #expect {
            _ = try parser.parse("a 1\nb x\nc{d=1} 2\n")
        } throws: { error in
            let errors = (error as? ExpositionErrors)?.errors ?? []
            return errors.map(\.description) == [
                "x.prom:2:3: expected a float value, got \"x\"",
                "x.prom:3:5: expected '\"' to start the value of label \"d\", found '1'",
            ]
        }
    }

    @Test func columnsCountCharactersNotBytes() {
        #expect {
            _ = try TextParser().parse("a{b=\"ünï\"} x\n")
        } throws: { error in
            (error as? ExpositionErrors)?.errors.first.map { "\($0.line):\($0.column)" } == "1:12"
        }
    }

    /// Samples are grouped per family even for histograms with several series.
    @Test func histogramWithSeveralSeries() throws {
        let text = """
            # TYPE h histogram
            h_bucket{a="1",le="1"} 0
            h_bucket{a="1",le="+Inf"} 1
            h_bucket{a="2",le="1"} 2
            h_bucket{a="2",le="+Inf"} 2
            h_count{a="2"} 2

            """
        let families = try TextParser().parse(text)
        #expect(families.count == 1)
        #expect(families[0].samples.count == 5)
    }

    @Test func textfileModeRejectsTimestampsAndReservedLabels() throws {
        #expect(try TextParser().parse("a 1 5\nb{__x=\"1\"} 1\n").count == 2)
        #expect {
            _ = try TextParser(textfile: true).parse("a 1 5\nb{__x=\"1\"} 1\nnode_textfile_scrape_error 0\n")
        } throws: { error in
            ((error as? ExpositionErrors)?.errors ?? []).map { "\($0.line):\($0.column)" } == ["1:5", "2:3", "3:1"]
        }
    }
}
