import Testing
@testable import Statistics

/// Welch's t test against scipy.stats.ttest_ind(equal_var=False), and Cohen's d beside it.
struct WelchTTestTests {
    struct Expected: Decodable { var t, df, p_value, cohens_d: Double }
    struct Case: Decodable { var name: String; var a, b: [Double]; var expected: Expected }

    static let cases: [Case] = (try? Fixture.load("ttest.json")) ?? []

    @Test func fixturesLoaded() { #expect(Self.cases.count >= 6) }

    @Test(arguments: cases.map(\.name))
    func matchesScipy(_ name: String) throws {
        let c = try #require(Self.cases.first { $0.name == name })
        let w = try WelchTTest(c.a, c.b)
        expectClose(w.t, c.expected.t, "\(name).t")
        expectClose(w.df, c.expected.df, "\(name).df")
        expectClose(w.pValue, c.expected.p_value, "\(name).p_value")
        expectClose(try EffectSize.cohensD(c.a, c.b), c.expected.cohens_d, "\(name).cohens_d")
    }

    @Test func degenerateSamplesAreErrors() {
        #expect(throws: StatisticsError.constantInput(input: "both samples")) { try WelchTTest([1, 1], [2, 2]) }
        #expect(throws: StatisticsError.tooFewValues(needed: 2, got: 1)) { try WelchTTest([1], [2, 3]) }
        #expect(throws: StatisticsError.constantInput(input: "both samples")) { try EffectSize.cohensD([3, 3], [3, 3]) }
    }
}
