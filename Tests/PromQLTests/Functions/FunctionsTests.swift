import Model
import Testing
@testable import PromQL

@Suite struct FunctionsTests {
    func window(_ points: [(Int64, Double)], start: Int64, end: Int64) -> RangeWindow {
        RangeWindow(timestamps: ArraySlice(points.map(\.0)), values: ArraySlice(points.map(\.1)),
                    rangeStart: start, rangeEnd: end, evalTime: end)
    }

    @Test func extrapolatedRateHandlesResetsAndZeroPoint() {
        // 10, 20, reset to 5, 15: increase = 10 + 20 (reset) - 5... = 15 - 10 + 20 = 25.
        let w = window([(15_000, 10), (30_000, 20), (45_000, 5), (60_000, 15)], start: 0, end: 60_000)
        let increase = RateFunctions.extrapolatedRate(w, isCounter: true, isRate: false)
        // Sampled 45s; start is 15s away (< 1.1 × 15s) but the zero point is 22.5s back,
        // so extrapolation goes the full 15s: 25 × 60 / 45.
        #expect(increase.map { abs($0 - 25 * 60.0 / 45) < 1e-9 } == true)
        #expect(RateFunctions.extrapolatedRate(window([(1000, 1)], start: 0, end: 60_000), isCounter: true, isRate: true) == nil)
    }

    @Test func irateUsesTheLastTwoSamples() {
        let w = window([(0, 1), (10_000, 5), (20_000, 2)], start: -1, end: 20_000)
        #expect(RateFunctions.instantValue(w, isRate: true) == 0.2)  // reset: last value / 10s
        #expect(RateFunctions.instantValue(w, isRate: false) == -3)
    }

    @Test func histogramQuantileForcesMonotonicBuckets() {
        typealias B = HistogramQuantile.Bucket
        let buckets = [B(upperBound: 1, count: 10), B(upperBound: 2, count: 8), B(upperBound: .infinity, count: 20)]
        // The dip at le=2 is raised to 10: rank 10 of 20 falls at the top of the first bucket.
        #expect(HistogramQuantile.quantile(0.5, buckets) == 1)
        #expect(HistogramQuantile.quantile(0.75, buckets) == 2)  // in +Inf bucket: upper bound of the one before
        #expect(HistogramQuantile.quantile(0.5, [B(upperBound: 1, count: 1)]).isNaN)  // no +Inf bucket
        #expect(HistogramQuantile.quantile(-1, buckets) == -.infinity)
        #expect(HistogramQuantile.fraction(lower: 0, upper: 1, buckets) == 0.5)
    }

    @Test func overTimeFunctions() {
        let w = window([(1, 1), (2, 2), (3, 3), (4, 4)], start: 0, end: 4)
        #expect(OverTimeFunctions.avg(w) == 2.5)
        #expect(OverTimeFunctions.sum(w) == 10)
        #expect(OverTimeFunctions.variance(w) == 1.25)
        #expect(OverTimeFunctions.quantile(0.5, w) == 2.5)
        #expect(OverTimeFunctions.mad(w) == 1)
        #expect(OverTimeFunctions.compare(w, timestamp: false) { $0 > $1 } == 4)
    }

    @Test func labelReplaceExpandsLikeGo() {
        #expect(LabelFunctions.expand("$1-$2", groups: ["ab", "a", "b"]) == "a-b")
        #expect(LabelFunctions.expand("${1}x", groups: ["a", "a"]) == "ax")
        #expect(LabelFunctions.expand("$1x", groups: ["a", "a"]) == "")  // group "1x" does not exist
        #expect(LabelFunctions.expand("$$1", groups: ["a", "a"]) == "$1")
    }

    @Test(arguments: [
        (0.0, DateField.year, 1970.0), (0, .dayOfWeek, 4), (951_782_400, .daysInMonth, 29),  // 2000-02-29
        (1_700_000_000, .hour, 22), (1_700_000_000, .minute, 13), (1_700_000_000, .dayOfYear, 318), (-1, .year, 1969),
    ])
    func calendarFields(seconds: Double, field: DateField, expected: Double) {
        #expect(field.value(forUnixSeconds: seconds) == expected)
    }

    @Test(arguments: [
        (1.5, "1.5", "1.5"), (1e21, "1000000000000000000000", "1e+21"), (1e-7, "0.0000001", "1e-07"),
        (100, "100", "100"), (-0.25, "-0.25", "-0.25"), (.infinity, "+Inf", "+Inf"), (.nan, "NaN", "NaN"),
    ])
    func floatFormatting(value: Double, fixed: String, json: String) {
        #expect(PromFloat.format(value) == fixed)
        #expect(PromFloat.json(value) == json)
    }

    @Test func jsonTimestamps() {
        #expect(PromFloat.jsonTimestamp(1_700_000_000_000) == "1700000000")
        #expect(PromFloat.jsonTimestamp(1_500) == "1.500")
        #expect(PromFloat.jsonTimestamp(1_005) == "1.005")
        #expect(PromFloat.jsonTimestamp(-1_500) == "-1.500")
    }
}
