import Testing
@testable import Statistics

/// Average ranks, by both the comparison path (small inputs) and the radix path (≥ 1024 values).
struct RankingTests {
    @Test func tiesShareTheAverageRank() {
        #expect(Ranking.averageRanks([10, 20, 10, 30, 20, 20]) == [1.5, 4, 1.5, 6, 4, 4])
        #expect(Ranking.averageRanks([-0.0, 0.0, -1]) == [2.5, 2.5, 1])
    }

    @Test func radixPathAgreesWithTheComparisonPath() {
        // Negative, positive, ±0, huge and tiny values with many ties, long enough for the radix sort.
        var values: [Double] = []
        for i in 0..<5000 {
            let v = Double((i * 7919) % 613) - 300
            values.append(i % 5 == 0 ? v * 1e200 : i % 7 == 0 ? v * 1e-200 : i % 11 == 0 ? -0.0 : v)
        }
        let ranks = Ranking.averageRanks(values)
        // Reference: the definition — 1 + #smaller + (#equal − 1)/2 — computed by sorting.
        let sorted = values.sorted()
        for (i, v) in values.enumerated() where i % 97 == 0 {
            let smaller = sorted.firstIndex { $0 >= v } ?? 0
            let equal = sorted.filter { $0 == v }.count
            #expect(ranks[i] == Double(smaller) + 1 + Double(equal - 1) / 2, "rank of \(v)")
        }
    }
}
