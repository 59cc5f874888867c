import Testing
@testable import Statistics

/// Pearson and Spearman against scipy.stats.pearsonr / spearmanr.
struct CorrelationTests {
    struct Expected: Decodable { var n: Int; var pearson_r, pearson_p, spearman_rho: Double; var spearman_p: Double? }
    struct Case: Decodable { var name: String; var x, y: [Double]; var expected: Expected }

    static let cases: [Case] = (try? Fixture.load("correlation.json")) ?? []

    @Test func fixturesLoaded() { #expect(Self.cases.count >= 8) }

    @Test(arguments: cases.map(\.name))
    func matchesScipy(_ name: String) throws {
        let c = try #require(Self.cases.first { $0.name == name })
        let p = try Correlation.pearson(c.x, c.y)
        let s = try Correlation.spearman(c.x, c.y)
        expectClose(p.coefficient, c.expected.pearson_r, "\(name).pearson_r")
        expectClose(p.pValue, c.expected.pearson_p, "\(name).pearson_p")
        expectClose(s.coefficient, c.expected.spearman_rho, "\(name).spearman_rho")
        expectClose(s.pValue, c.expected.spearman_p, "\(name).spearman_p")
    }

    @Test func constantAndMismatchedInputsAreErrors() {
        #expect(throws: StatisticsError.constantInput(input: "x")) { try Correlation.pearson([1, 1, 1], [1, 2, 3]) }
        #expect(throws: StatisticsError.constantInput(input: "y")) { try Correlation.spearman([1, 2, 3], [4, 4, 4]) }
        #expect(throws: StatisticsError.lengthMismatch(x: 3, y: 2)) { try Correlation.pearson([1, 2, 3], [1, 2]) }
        #expect(throws: StatisticsError.nonFinite(input: "y", index: 1, value: .infinity)) {
            try Correlation.pearson([1, 2, 3], [1, .infinity, 3])
        }
    }
}
