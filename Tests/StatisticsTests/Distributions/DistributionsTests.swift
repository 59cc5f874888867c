import Foundation
import Testing
@testable import Statistics

/// The special functions against scipy (and mpmath where scipy is itself off), to the 1e-10 the issue asks.
struct DistributionsTests {
    struct BetaCase: Decodable { var a, b, x, scipy_lower, scipy_upper: Double; var mp_lower, mp_upper: Double? }
    struct GammaCase: Decodable { var a, x, scipy_lower, scipy_upper: Double; var mp_lower, mp_upper: Double? }
    struct TCDF: Decodable { var df, t, cdf, sf, two_sided: Double }
    struct TPPF: Decodable { var df, p, q: Double }
    struct Chi2: Decodable { var df, x, sf, cdf: Double }
    struct NormalCase: Decodable { var z, cdf, sf: Double }
    struct File: Decodable {
        var beta: [BetaCase]; var gamma: [GammaCase]; var t_cdf: [TCDF]; var t_ppf: [TPPF]
        var chi2_sf: [Chi2]; var normal_cdf: [NormalCase]
    }

    let file: File
    init() throws { file = try Fixture.load("distributions.json") }

    /// The continued fraction loses a little near its switch point when a shape is ~1e6
    /// (measured 3e-12 … 4e-11); everywhere else the agreement is ~1e-14.
    static let specialTolerance = 1e-10

    @Test func incompleteBeta() throws {
        for c in file.beta {
            let r = try IncompleteBeta.regularized(a: c.a, b: c.b, x: c.x)
            // Where mpmath (50 digits) is available it is the judge: scipy's betaincc(½, ½, 1e-16) is
            // off by 2e-12, and these are the cases where the two disagree.
            let lower = c.mp_lower ?? c.scipy_lower, upper = c.mp_upper ?? c.scipy_upper
            expectClose(r.lower, lower, "I_\(c.x)(\(c.a), \(c.b))", tol: Self.specialTolerance)
            expectClose(r.upper, upper, "1 − I_\(c.x)(\(c.a), \(c.b))", tol: Self.specialTolerance)
            if close(c.scipy_upper, upper, 1e-12) {
                expectClose(r.upper, c.scipy_upper, "scipy betaincc(\(c.a), \(c.b), \(c.x))", tol: Self.specialTolerance)
            }
        }
    }

    @Test func incompleteGamma() throws {
        for c in file.gamma {
            let r = try IncompleteGamma.regularized(a: c.a, x: c.x)
            expectClose(r.lower, c.scipy_lower, "P(\(c.a), \(c.x))", tol: Self.specialTolerance)
            expectClose(r.upper, c.scipy_upper, "Q(\(c.a), \(c.x))", tol: Self.specialTolerance)
        }
    }

    @Test func studentT() throws {
        for c in file.t_cdf {
            let d = try StudentT(df: c.df)
            expectClose(try d.cdf(c.t), c.cdf, "t.cdf(\(c.t), \(c.df))", tol: Self.specialTolerance)
            expectClose(try d.sf(c.t), c.sf, "t.sf(\(c.t), \(c.df))", tol: Self.specialTolerance)
            expectClose(try d.twoSidedP(c.t), c.two_sided, "2·t.sf(|\(c.t)|, \(c.df))", tol: Self.specialTolerance)
        }
        for c in file.t_ppf {
            expectClose(try StudentT(df: c.df).quantile(c.p), c.q, "t.ppf(\(c.p), \(c.df))", tol: Self.specialTolerance)
            expectClose(try StudentT(df: c.df).quantile(1 - c.p), -c.q, "t.ppf(1 − \(c.p), \(c.df))", tol: 1e-9)
        }
    }

    @Test func chiSquared() throws {
        for c in file.chi2_sf {
            let d = try ChiSquared(df: c.df)
            expectClose(try d.sf(c.x), c.sf, "chi2.sf(\(c.x), \(c.df))", tol: Self.specialTolerance)
            expectClose(try d.cdf(c.x), c.cdf, "chi2.cdf(\(c.x), \(c.df))", tol: Self.specialTolerance)
        }
    }

    @Test func normal() {
        for c in file.normal_cdf {
            expectClose(Normal.cdf(c.z), c.cdf, "norm.cdf(\(c.z))", tol: Self.specialTolerance)
            expectClose(Normal.sf(c.z), c.sf, "norm.sf(\(c.z))", tol: Self.specialTolerance)
        }
    }

    @Test func domainErrorsAreTyped() {
        #expect(throws: StatisticsError.self) { try IncompleteBeta.regularized(a: -1, b: 1, x: 0.5) }
        #expect(throws: StatisticsError.self) { try IncompleteBeta.regularized(a: 1, b: 1, x: 1.5) }
        #expect(throws: StatisticsError.self) { try IncompleteGamma.regularized(a: 0, x: 1) }
        #expect(throws: StatisticsError.self) { try StudentT(df: 0) }
        #expect(throws: StatisticsError.self) { try StudentT(df: 3).quantile(1) }
        #expect(throws: StatisticsError.self) { try ChiSquared(df: .infinity) }
    }

    @Test func rlog1MatchesTheDefinitionWhereNoCancellationHurts() {
        for x in [-0.39, -0.1, 0.01, 0.3, 0.5, 2.0] {
            let direct = x - log1p(x)
            #expect(abs(GammaFunctions.rlog1(x) - direct) <= 1e-12 * abs(direct) + 1e-18, "rlog1(\(x))")
        }
        // For tiny x the series must give x²/2 − x³/3 …, where the direct form has lost every digit.
        #expect(abs(GammaFunctions.rlog1(1e-9) - 5e-19) < 1e-27)
    }
}
