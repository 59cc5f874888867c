import Testing
@testable import Statistics

/// Descriptive statistics (and the percentiles and CI inside them) against numpy/scipy.
struct DescriptiveTests {
    struct Expected: Decodable {
        var n: Int
        var mean, median, variance, stddev, min, max, p25, p50, p75, p90, p95, p99, ci95_low, ci95_high: Double
    }
    struct Case: Decodable { var name: String; var data: [Double]; var expected: Expected }

    static let cases: [Case] = (try? Fixture.load("describe.json")) ?? []

    @Test func fixturesLoaded() { #expect(Self.cases.count >= 10) }

    @Test(arguments: cases.map(\.name))
    func matchesNumpy(_ name: String) throws {
        let c = try #require(Self.cases.first { $0.name == name })
        let d = try Descriptive(c.data)
        let e = c.expected
        #expect(d.n == e.n)
        for (got, want, field) in [
            (d.mean, e.mean, "mean"), (d.median, e.median, "median"), (d.variance, e.variance, "variance"),
            (d.standardDeviation, e.stddev, "stddev"), (d.min, e.min, "min"), (d.max, e.max, "max"),
            (d.ci95.low, e.ci95_low, "ci95_low"), (d.ci95.high, e.ci95_high, "ci95_high"),
        ] {
            expectClose(got, want, "\(name).\(field)")
        }
        for (q, want) in [(25.0, e.p25), (50, e.p50), (75, e.p75), (90, e.p90), (95, e.p95), (99, e.p99)] {
            expectClose(d.percentiles[q], want, "\(name).p\(Int(q))")
        }
    }

    @Test func rejectsNaNAndInfinityNamingTheIndex() {
        #expect(throws: StatisticsError.nonFinite(input: "values", index: 2, value: .infinity)) {
            try Descriptive([1, 2, .infinity, 4])
        }
        #expect(throws: StatisticsError.self) { try Descriptive([1, .nan, 3]) }
    }

    @Test func needsTwoValues() {
        #expect(throws: StatisticsError.tooFewValues(needed: 2, got: 1)) { try Descriptive([5]) }
        #expect(throws: StatisticsError.tooFewValues(needed: 2, got: 0)) { try Descriptive([]) }
    }

    @Test func overflowIsReportedNotReturned() {
        // Squares of 1e200 do not fit a Double: the variance is reported as an overflow, not ∞.
        #expect(throws: StatisticsError.overflow(statistic: "variance")) { try Descriptive([1e200, -1e200, 3e200]) }
    }

    @Test func percentilesOfUnsortedInputMatchSortedInterpolation() throws {
        // 0…10 shuffled: the q-th percentile of a 0…10 grid is q/10 exactly.
        let values: [Double] = [7, 3, 10, 0, 5, 1, 9, 2, 8, 4, 6]
        let ps = try Percentile.compute(values, at: [0, 5, 25, 50, 90, 100])
        #expect(ps == [0, 0.5, 2.5, 5, 9, 10])
        #expect(throws: StatisticsError.self) { try Percentile.compute(values, at: [101]) }
    }
}
