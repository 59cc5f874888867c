import Testing
@testable import Statistics

/// Least squares against scipy.stats.linregress, and the trend rule.
struct RegressionTests {
    struct Expected: Decodable { var n: Int; var slope, intercept: Double; var r_squared, p_value: Double? }
    struct Case: Decodable { var name: String; var x, y: [Double]; var expected: Expected }

    static let cases: [Case] = (try? Fixture.load("regression.json")) ?? []

    @Test func fixturesLoaded() { #expect(Self.cases.count >= 8) }

    @Test(arguments: cases.map(\.name))
    func matchesScipy(_ name: String) throws {
        let c = try #require(Self.cases.first { $0.name == name })
        let r = try Regression(x: c.x, y: c.y)
        expectClose(r.slope, c.expected.slope, "\(name).slope")
        expectClose(r.intercept, c.expected.intercept, "\(name).intercept")
        expectClose(r.rSquared, c.expected.r_squared, "\(name).r_squared")
        expectClose(r.pValue, c.expected.p_value, "\(name).p_value")
    }

    @Test(arguments: [
        (0.5, 0.01, true, Trend.improving), (0.5, 0.01, false, .declining), (-0.5, 0.01, true, .declining),
        (-0.5, 0.01, false, .improving), (0.5, 0.05, true, .stable), (0.5, 0.2, false, .stable),
    ])
    func trendNeedsSignificance(slope: Double, p: Double, higherIsBetter: Bool, trend: Trend) {
        #expect(Trend(slope: slope, pValue: p, higherIsBetter: higherIsBetter) == trend)
    }

    @Test func constantYIsAnExactFlatLine() throws {
        let r = try Regression(x: [1, 2, 3, 4], y: [5, 5, 5, 5])
        #expect(r.slope == 0 && r.intercept == 5 && r.rSquared == nil && r.pValue == nil)
        #expect(r.trend(higherIsBetter: true) == .stable)
        #expect(throws: StatisticsError.constantInput(input: "x")) { try Regression(x: [2, 2], y: [1, 3]) }
    }

    @Test func hugeValuesDoNotOverflowR() throws {
        // sxx·syy ≈ 1e600 overflows; r is still exactly the correlation of a perfect line.
        let x = (0..<10).map { Double($0) * 1e150 }
        let r = try Regression(x: x, y: x.map { 3 * $0 })
        #expect(r.rSquared.map { abs($0 - 1) < 1e-12 } == true)
        #expect(abs(r.slope - 3) < 1e-12)
    }
}
