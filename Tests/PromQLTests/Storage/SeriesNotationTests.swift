import Model
import Testing
@testable import PromQL

struct SeriesNotationTests {
    @Test func expandsValueNotation() throws {
        let series = try SeriesNotation.parseSeries("my_metric{env=\"prod\"} 5 2+3x2 _ stale _x2 1x2 1-1x1 -Inf")
        #expect(series.labels == Labels(["__name__": "my_metric", "env": "prod"]))
        #expect(series.values == [
            .value(5), .value(2), .value(5), .value(8), .omitted, .stale, .omitted, .omitted,
            .value(1), .value(1), .value(1), .value(1), .value(0), .value(-.infinity),
        ])
    }

    @Test func repeatedAdditionAccumulatesRounding() throws {
        let values = try SeriesNotation.parseValues("0+0.1x3")
        var expected = 0.0
        var out: [SeriesValue] = []
        for _ in 0...3 { out.append(.value(expected)); expected += 0.1 }
        #expect(values == out)
        #expect(values.last == .value(0.30000000000000004))
    }

    @Test func labelsOnlyAndQuotedName() throws {
        #expect(try SeriesNotation.parseSeries("{__name__=\"a\", b=\"c\"} 1").labels == Labels(["__name__": "a", "b": "c"]))
        #expect(try SeriesNotation.parseSeries("{\"my.metric\"} 1").labels == Labels(["__name__": "my.metric"]))
    }

    @Test(arguments: ["m foo", "m 1+", "m{a=b} 1", "m 1x"])
    func rejectsBadSeries(_ line: String) {
        #expect(throws: ParseErrors.self) { try SeriesNotation.parseSeries(line) }
    }
}
