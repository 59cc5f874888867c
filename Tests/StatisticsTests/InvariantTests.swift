import Foundation
import PropertyBased
import Testing
@testable import Statistics

/// Properties that must hold for any input, checked on generated ones: the fast paths (multi-target
/// quickselect, radix ranking) against their naive definitions, and the identities the special
/// functions obey.
struct InvariantTests {
    /// Values with many ties (small integers) or none (uniform doubles), long enough to reach both paths.
    static let tiedValues = Gen.int(in: -20...20).map(Double.init).array(of: 2...3000)
    static let spreadValues = Gen.double(in: -1e6...1e6).array(of: 2...3000)

    /// numpy's linear percentile on a sorted copy: the definition `Percentile` must agree with.
    static func naivePercentile(_ values: [Double], _ q: Double) -> Double {
        let s = values.sorted()
        let v = q / 100 * Double(s.count - 1)
        let lo = Int(v.rounded(.down)), hi = Swift.min(lo + 1, s.count - 1)
        return Percentile.lerp(s[lo], s[hi], v - Double(lo))
    }

    @Test func selectionAgreesWithSorting() async {
        await propertyCheck(count: 60, input: Self.tiedValues) { values in
            let qs: [Double] = [0, 1, 25, 50, 75, 90, 95, 99, 100]
            let got = try Percentile.compute(values, at: qs)
            for (q, g) in zip(qs, got) { #expect(g == Self.naivePercentile(values, q), "p\(q) of \(values.count) values") }
        }
        await propertyCheck(count: 60, input: Self.spreadValues) { values in
            let got = try Percentile.compute(values, at: [0, 50, 100])
            #expect(got == [values.min(), Self.naivePercentile(values, 50), values.max()])
        }
    }

    @Test func ranksMatchTheirDefinition() async {
        await propertyCheck(count: 40, input: Self.tiedValues) { values in
            let ranks = Ranking.averageRanks(values)
            let n = Double(values.count)
            #expect(ranks.reduce(0, +) == n * (n + 1) / 2)
            let sorted = values.sorted()
            for i in stride(from: 0, to: values.count, by: 37) {
                let less = Double(sorted.count { $0 < values[i] }), equal = Double(sorted.count { $0 == values[i] })
                #expect(ranks[i] == less + (equal + 1) / 2)
            }
        }
    }

    @Test func incompleteBetaHalvesSumToOneAndMirror() async {
        let input = Gen.double(in: 0.05...500).array(of: 2).map { ($0[0], $0[1]) }
        await propertyCheck(count: 200, input: input) { (a: Double, b: Double) in
            // Dyadic points, so that 1 − x is exact and the mirror is the same question, not a perturbed one.
            let mode = (a / (a + b) * 1024).rounded() / 1024
            for x in [1.0 / 1024, 0.25, mode, 0.75, 1023.0 / 1024] where x > 0 && x < 1 {
                let r = try IncompleteBeta.regularized(a: a, b: b, x: x)
                let m = try IncompleteBeta.regularized(a: b, b: a, x: 1 - x)
                #expect(abs(r.lower + r.upper - 1) <= 4e-16)
                #expect(abs(r.lower - m.upper) <= 1e-13 * Swift.max(r.lower, 1e-300) + 1e-300, "I_\(x)(\(a), \(b))")
            }
        }
    }

    @Test func studentQuantileInvertsTheCDF() async {
        let input = Gen.double(in: 0.5...5000).array(of: 1).map { $0[0] }
        await propertyCheck(count: 100, input: input) { df in
            let t = try StudentT(df: df)
            for p in [0.6, 0.9, 0.975, 0.999] {
                let q = try t.quantile(p)
                #expect(abs(try t.cdf(q) - p) <= 1e-13, "df \(df), p \(p)")
            }
        }
    }

    @Test func pearsonIsAffineInvariantAndWelchAntisymmetric() async {
        let input = Gen.double(in: -100...100).array(of: 10...200)
        await propertyCheck(count: 60, input: input) { x in
            let y = x.enumerated().map { $0.element * 0.3 + Double(($0.offset * 7) % 11) }
            let r = try Correlation.pearson(x, y)
            let scaled = try Correlation.pearson(x.map { -4 * $0 + 1e3 }, y)
            #expect(abs(scaled.coefficient + r.coefficient) <= 1e-12)
            let ab = try WelchTTest(x, y), ba = try WelchTTest(y, x)
            #expect(ab.t == -ba.t && ab.df == ba.df && ab.pValue == ba.pValue)
        }
    }
}
