@testable import PackingCore
import PropertyBased
import Testing

@Suite struct ImprovementSearchTests {
    /// The search's L2 on doubles is the integer L2 of `LowerBounds` on integer-valued sizes.
    @Test func doubleL2AgreesWithTheIntegerL2() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...1_000_000)) { seed in
            var rng = TestRNG(seed: UInt64(seed))
            let capacity = Int.random(in: 10...300, using: &rng)
            let sizes = (0..<Int.random(in: 1...80, using: &rng)).map { _ in Int.random(in: 1...capacity, using: &rng) }
            let doubled = ImprovementSearch.identicalBinL2(sizes: sizes.map(Double.init), capacity: Double(capacity))
            #expect(doubled == LowerBounds.l2(sizes: sizes, capacity: capacity), "\(sizes) in \(capacity)")
        }
    }

    /// Random triplet instances (k bins, each cut into three parts in (c/4, c/2)), shuffled:
    /// zero slack, so the exact-cover search must find k exactly-full bins.
    @Test(arguments: [1, 2, 3, 4, 5])
    func zeroSlackInstancesReachTheirBound(seed: Int) {
        var rng = TestRNG(seed: UInt64(seed))
        let capacity = 1000, k = 60
        var sizes = [Int]()
        for _ in 0..<k {
            let a = Int.random(in: 380...490, using: &rng)
            let b = Int.random(in: 251...((capacity - a) / 2), using: &rng)
            sizes += [a, b, capacity - a - b]
        }
        sizes.shuffle(using: &rng)
        let budget = ImprovementSearch.Budget(nanoseconds: .max, now: { 0 }, maxPasses: 2_000, seed: UInt64(seed))
        let request = PutawayRequest.identicalBins(sizes: sizes, capacity: capacity, algorithm: .ffd, improvement: budget)
        let plan = PutawayPlanner.plan(request)
        #expect(Validator.violations(of: plan, for: request).isEmpty)
        #expect(plan.summary.binsUsed == k)
        #expect(PutawayPlanner.plan(request) == plan)
    }

    /// Weight that binds: the phases that assume it cannot (dominance, exact cover) stay off,
    /// and no bin ends over its weight limit.
    @Test func bindingWeightLimitsAreKept() {
        let problem = ImprovementSearch.Problem(
            sizes: [50, 50, 50, 50, 30, 30, 30, 30], weights: [10, 10, 10, 10, 40, 40, 40, 40],
            cubeCapacity: Array(repeating: 100, count: 6), weightCapacity: Array(repeating: 60, count: 6))
        // Two per bin as FFD-by-cube would put them: 50+50 (w 20) ×2, 30+30+30 (w 120: too heavy), so the start is
        // 50+30 pairs (w 50) in four bins plus nothing; start from one unit per bin in six bins instead.
        let start = [0, 1, 2, 3, 4, 5, 4, 5]
        let budget = ImprovementSearch.Budget(nanoseconds: .max, now: { 0 }, maxPasses: 200)
        let result = ImprovementSearch.minimizeBins(problem, assignment: start, lowerBound: 1, budget: budget)
        var cube = [Double](repeating: 0, count: 6), weight = [Double](repeating: 0, count: 6)
        for (unit, bin) in result.enumerated() {
            cube[bin] += problem.sizes[unit]
            weight[bin] += problem.weights[unit]
        }
        #expect(cube.allSatisfy { $0 <= 100 })
        #expect(weight.allSatisfy { $0 <= 60 })
        // Each bin takes at most one 30 (weight 40), so four bins are needed, and four suffice (50 + 30).
        #expect(Set(result).count == 4)
    }
}
