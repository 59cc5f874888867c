import Testing
@testable import Statistics

/// A million values, generated here exactly as scripts/gen-statistics-fixtures.py generates them
/// (counter-based splitmix64), so only scipy's answers are committed, not the data.
struct LargeInputTests {
    struct Describe: Decodable { var n: Int; var mean, median, variance, stddev, min, max, p25, p50, p75, p90, p95, p99, ci95_low, ci95_high: Double }
    struct Correlate: Decodable { var pearson_r, pearson_p, spearman_rho, spearman_p: Double }
    struct Regress: Decodable { var slope, intercept, r_squared, p_value: Double }
    struct TTest: Decodable { var t, df, p_value, cohens_d: Double }
    struct Head: Decodable { var x, y, a, b: [Double] }
    struct File: Decodable {
        var n: Int; var head: Head; var describe_x: Describe; var correlate_xy: Correlate; var regress_xy: Regress; var ttest_ab: TTest
    }

    static func uniform(seed: UInt64, count: Int) -> [Double] {
        (1...count).map { i in
            var z = seed &+ UInt64(i) &* 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Double(z >> 11) * 0x1p-53
        }
    }

    static func columns(_ n: Int) -> (x: [Double], y: [Double], a: [Double], b: [Double]) {
        let u1 = uniform(seed: 1, count: n), u2 = uniform(seed: 2, count: n)
        let u3 = uniform(seed: 3, count: n), u4 = uniform(seed: 4, count: n)
        let x = u1.map { $0 * 1000 }
        let y = zip(x, u2).map { ($0 / 10).rounded(.down) + ($1 * 50).rounded(.down) }
        return (x, y, u3.map { 50 + 10 * $0 }, u4.map { 50.01 + 10 * $0 })
    }

    @Test func millionValuesMatchScipy() throws {
        let f: File = try Fixture.load("large.json")
        let (x, y, a, b) = Self.columns(f.n)
        // The generators must agree bit for bit before any statistic is compared.
        #expect(Array(x.prefix(3)) == f.head.x && Array(y.prefix(3)) == f.head.y)
        #expect(Array(a.prefix(3)) == f.head.a && Array(b.prefix(3)) == f.head.b)

        let d = try Descriptive(x), e = f.describe_x
        #expect(d.n == e.n)
        expectClose(d.mean, e.mean, "mean"); expectClose(d.median, e.median, "median")
        expectClose(d.variance, e.variance, "variance"); expectClose(d.standardDeviation, e.stddev, "stddev")
        expectClose(d.min, e.min, "min"); expectClose(d.max, e.max, "max")
        expectClose(d.percentiles[25], e.p25, "p25"); expectClose(d.percentiles[50], e.p50, "p50")
        expectClose(d.percentiles[75], e.p75, "p75"); expectClose(d.percentiles[90], e.p90, "p90")
        expectClose(d.percentiles[95], e.p95, "p95"); expectClose(d.percentiles[99], e.p99, "p99")
        expectClose(d.ci95.low, e.ci95_low, "ci95_low"); expectClose(d.ci95.high, e.ci95_high, "ci95_high")

        let p = try Correlation.pearson(x, y), s = try Correlation.spearman(x, y)
        expectClose(p.coefficient, f.correlate_xy.pearson_r, "pearson_r")
        expectClose(p.pValue, f.correlate_xy.pearson_p, "pearson_p")
        expectClose(s.coefficient, f.correlate_xy.spearman_rho, "spearman_rho")
        expectClose(s.pValue, f.correlate_xy.spearman_p, "spearman_p")

        let r = try Regression(x: x, y: y)
        expectClose(r.slope, f.regress_xy.slope, "slope"); expectClose(r.intercept, f.regress_xy.intercept, "intercept")
        expectClose(r.rSquared, f.regress_xy.r_squared, "r_squared"); expectClose(r.pValue, f.regress_xy.p_value, "p_value")

        let w = try WelchTTest(a, b)
        expectClose(w.t, f.ttest_ab.t, "t"); expectClose(w.df, f.ttest_ab.df, "df")
        expectClose(w.pValue, f.ttest_ab.p_value, "welch p"); expectClose(try EffectSize.cohensD(a, b), f.ttest_ab.cohens_d, "cohens_d")
    }
}
