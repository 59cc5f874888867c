import Testing
@testable import Statistics

/// Outlier detection (IQR, z, modified z) against numpy, and the severity bands.
struct OutliersTests {
    struct ExpectedOutlier: Decodable { var index: Int; var value, score: Double; var severity: String }
    struct Expected: Decodable { var lower_fence, upper_fence: Double; var outliers: [ExpectedOutlier] }
    struct Case: Decodable { var name, method: String; var data: [Double]; var expected: Expected }

    static let cases: [Case] = (try? Fixture.load("outliers.json")) ?? []

    @Test func fixturesLoaded() { #expect(Self.cases.count >= 20) }

    @Test(arguments: cases.indices)
    func matchesNumpy(_ i: Int) throws {
        let c = Self.cases[i]
        let method = try #require(OutlierMethod(rawValue: c.method))
        let report = try OutlierReport(c.data, method: method)
        let what = "\(c.name)/\(c.method)"
        expectClose(report.lowerFence, c.expected.lower_fence, "\(what).lower_fence")
        expectClose(report.upperFence, c.expected.upper_fence, "\(what).upper_fence")
        #expect(report.outliers.map(\.index) == c.expected.outliers.map(\.index), "\(what) indices")
        for (got, want) in zip(report.outliers, c.expected.outliers) {
            #expect(got.value == want.value)
            expectClose(got.score, want.score, "\(what)[\(want.index)].score")
            #expect(got.severity.rawValue == want.severity, "\(what)[\(want.index)] severity")
        }
    }

    @Test func someFixtureHasEverySeverity() {
        let seen = Set(Self.cases.flatMap { $0.expected.outliers.map(\.severity) })
        #expect(seen.isSuperset(of: OutlierSeverity.allCases.map(\.rawValue)), "seen \(seen)")
    }

    @Test(arguments: [
        (OutlierMethod.iqr, 1.6, OutlierSeverity.mild), (.iqr, 2.5, .moderate), (.iqr, 3.2, .severe), (.iqr, 4.6, .extreme),
        (.zScore, 3.2, .moderate), (.zScore, 3.6, .severe), (.zScore, 4.01, .extreme),
        (.modifiedZScore, 3.6, .moderate), (.modifiedZScore, 4.2, .severe), (.modifiedZScore, 5, .extreme),
    ])
    func severityBands(method: OutlierMethod, score: Double, severity: OutlierSeverity) {
        #expect(method.severity(score: score) == severity)
    }

    @Test func criticalCountsSevereAndExtreme() throws {
        // numpy: Q1 = 2.75, Q3 = 9.25, IQR = 6.5; 23 is 2.115 IQRs past Q3 (MILD), 40 is 4.731 (EXTREME).
        let report = try OutlierReport([0, 1, 2, 3, 4, 5, 6, 7, 8, 13, 23, 40], method: .iqr)
        #expect(report.outliers.map(\.index) == [10, 11])
        #expect(report.outliers.map(\.severity) == [.mild, .extreme])
        #expect(close(report.outliers[0].score, (23 - 9.25) / 6.5, 1e-15))
        #expect(report.criticalCount == 1)
        #expect(report.lowerFence == 2.75 - 9.75 && report.upperFence == 9.25 + 9.75)
    }

    @Test func zeroSpreadIsAnErrorWhenValuesDiffer() {
        // Over half the values equal: IQR and MAD are 0, yet 9 differs — no score can be given.
        let values: [Double] = [1, 1, 1, 1, 1, 1, 9]
        #expect(throws: StatisticsError.zeroSpread(method: "iqr")) { try OutlierReport(values, method: .iqr) }
        #expect(throws: StatisticsError.zeroSpread(method: "modified-zscore")) { try OutlierReport(values, method: .modifiedZScore) }
        // A constant column simply has none.
        #expect((try? OutlierReport([2, 2, 2], method: .iqr))?.outliers.isEmpty == true)
        #expect((try? OutlierReport([2, 2, 2], method: .zScore))?.outliers.isEmpty == true)
    }
}
