import Testing
@testable import Statistics

/// Chi-square independence against scipy.stats.chi2_contingency, with and without Yates.
struct ChiSquareTests {
    struct Expected: Decodable { var chi2: Double; var dof: Int; var p_value: Double; var expected: [[Double]] }
    struct Case: Decodable { var name: String; var table: [[Double]]; var correction: Bool; var expected: Expected }

    static let cases: [Case] = (try? Fixture.load("chisq.json")) ?? []

    @Test func fixturesLoaded() { #expect(Self.cases.count >= 12) }

    @Test(arguments: cases.indices)
    func matchesScipy(_ i: Int) throws {
        let c = Self.cases[i]
        let what = "\(c.name) correction=\(c.correction)"
        let r = try ChiSquareTest(c.table, correction: c.correction)
        expectClose(r.chi2, c.expected.chi2, "\(what).chi2")
        #expect(r.dof == c.expected.dof, "\(what).dof")
        expectClose(r.pValue, c.expected.p_value, "\(what).p_value")
        for (row, want) in zip(r.expected, c.expected.expected) {
            for (g, w) in zip(row, want) { expectClose(g, w, "\(what).expected") }
        }
    }

    @Test func invalidTables() {
        #expect(throws: StatisticsError.self) { try ChiSquareTest([]) }
        #expect(throws: StatisticsError.invalidTable("row 2 has 1 cells, row 1 has 2")) { try ChiSquareTest([[1, 2], [3]]) }
        #expect(throws: StatisticsError.invalidTable("row 1, column 2 is negative (-2.0)")) { try ChiSquareTest([[1, -2], [3, 4]]) }
        #expect(throws: StatisticsError.self) { try ChiSquareTest([[0, 0], [3, 4]]) }
    }
}
