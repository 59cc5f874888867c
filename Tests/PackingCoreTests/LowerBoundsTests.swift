import PackingCore
import PropertyBased
import Testing

@Suite struct LowerBoundsTests {
    @Test func l2SeesItemsLargerThanHalfTheCapacity() {
        // Three items over c/2 need three bins although their total fits in two.
        #expect(LowerBounds.l1(sizes: [60, 60, 60], capacity: 100) == 2)
        #expect(LowerBounds.l2(sizes: [60, 60, 60], capacity: 100) == 3)
        // K = 35: no 35 fits beside a 70 (N1 = the 70s), and the four 35s need ⌈140/100⌉ = 2 more;
        // L1 only sees ⌈280/100⌉ = 3.
        #expect(LowerBounds.l1(sizes: [70, 70, 35, 35, 35, 35], capacity: 100) == 3)
        #expect(LowerBounds.l2(sizes: [70, 70, 35, 35, 35, 35], capacity: 100) == 4)
    }

    @Test func packingsNeverUseFewerBinsThanL2() async {
        await propertyCheck(count: 60, input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...2)) { seed, which in
            var rng = TestRNG(seed: UInt64(seed))
            let capacity = Int.random(in: 50...200, using: &rng)
            let sizes = (0..<Int.random(in: 1...60, using: &rng)).map { _ in Int.random(in: 1...capacity, using: &rng) }
            let algorithm = PutawayAlgorithm.allCases[which]
            let budget = ImprovementSearch.Budget(nanoseconds: .max, now: { 0 }, maxPasses: 50)
            let request = PutawayRequest.identicalBins(sizes: sizes, capacity: capacity, algorithm: algorithm, improvement: budget)
            let plan = PutawayPlanner.plan(request)
            #expect(plan.unplaced.isEmpty)
            #expect(plan.summary.binsUsed >= LowerBounds.l2(sizes: sizes, capacity: capacity))
            #expect(Validator.violations(of: plan, for: request).isEmpty)
        }
    }
}
