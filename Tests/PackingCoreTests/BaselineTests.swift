import PackingCore
import Testing

/// FFD and BFD against baselines.csv on the 160 Falkenauer instances; L2 against its column.
@Suite(.enabled(if: SharedInstance.available, Comment(rawValue: SharedInstance.skipMessage)))
struct BaselineTests {
    @Test func ffdAndBfdReproduceEveryBaseline() throws {
        let instances = try SharedInstance.all()
        #expect(instances.count == 160)
        for instance in instances {
            let ffd = PutawayPlanner.plan(.identicalBins(sizes: instance.sizes, capacity: instance.capacity, algorithm: .ffd))
            let bfd = PutawayPlanner.plan(.identicalBins(sizes: instance.sizes, capacity: instance.capacity, algorithm: .bfd))
            #expect(ffd.summary.binsUsed == instance.ffd, "FFD on \(instance.name)")
            #expect(bfd.summary.binsUsed == instance.bfd, "BFD on \(instance.name)")
            #expect(ffd.unplaced.isEmpty && bfd.unplaced.isEmpty)
        }
    }

    @Test func l2MatchesTheBaselineColumnAndBoundsEveryPacking() throws {
        for instance in try SharedInstance.all() {
            let l2 = LowerBounds.l2(sizes: instance.sizes, capacity: instance.capacity)
            #expect(l2 == instance.l2, "L2 on \(instance.name)")
            #expect(l2 <= instance.opt)
        }
    }

    /// The improvement search on the smaller classes, stopped by a pass cap rather than a clock
    /// (deterministic): valid, never below L2, never worse than FFD, and at the optimum.
    @Test func improvementSearchReachesTheOptimumOnSmallClasses() throws {
        let instances = try SharedInstance.all().filter { $0.cls == "u120" || $0.cls == "t60" }
        for instance in instances {
            let budget = ImprovementSearch.Budget(nanoseconds: .max, now: { 0 }, maxPasses: 400)
            let request = PutawayRequest.identicalBins(
                sizes: instance.sizes, capacity: instance.capacity, algorithm: .bfd, improvement: budget)
            let plan = PutawayPlanner.plan(request)
            #expect(Validator.violations(of: plan, for: request).isEmpty, "\(instance.name)")
            #expect(plan.summary.binsUsed >= instance.l2, "\(instance.name) below L2")
            #expect(plan.summary.binsUsed <= instance.ffd)
            #expect(plan.summary.binsUsed == instance.opt, "\(instance.name): \(plan.summary.binsUsed) vs opt \(instance.opt)")
            #expect(PutawayPlanner.plan(request) == plan, "deterministic under a pass cap")
        }
    }

    /// The largest instance of each kind under a pass cap: the triplets to the optimum (exact
    /// cover), the uniform one within one bin of it.
    @Test(arguments: ["t501_00", "u1000_00"])
    func improvementSearchOnTheLargestInstances(name: String) throws {
        let instance = try #require(try SharedInstance.all().first { $0.name == name })
        let budget = ImprovementSearch.Budget(nanoseconds: .max, now: { 0 }, maxPasses: 2_000)
        let request = PutawayRequest.identicalBins(
            sizes: instance.sizes, capacity: instance.capacity, algorithm: .bfd, improvement: budget)
        let plan = PutawayPlanner.plan(request)
        #expect(Validator.violations(of: plan, for: request).isEmpty)
        #expect(plan.summary.binsUsed >= instance.l2)
        #expect(plan.summary.binsUsed <= instance.opt + (name.hasPrefix("t") ? 0 : 1), "\(plan.summary.binsUsed) vs opt \(instance.opt)")
        #expect(PutawayPlanner.plan(request) == plan, "deterministic under a pass cap")
    }

    /// u250_13 is the one instance whose optimum exceeds L2, so the search never stops early:
    /// with a clock that advances on every read it must stop at the budget, in every phase.
    @Test func searchStopsAtTheDeadlineWhenTheBoundIsOutOfReach() throws {
        let instance = try #require(try SharedInstance.all().first { $0.name == "u250_13" })
        let clock = SteppingClock(step: 10_000)
        let budgetNs: UInt64 = 20_000_000
        let budget = ImprovementSearch.Budget(nanoseconds: budgetNs, now: { clock.read() })
        let request = PutawayRequest.identicalBins(
            sizes: instance.sizes, capacity: instance.capacity, algorithm: .bfd, improvement: budget)
        let plan = PutawayPlanner.plan(request)
        #expect(Validator.violations(of: plan, for: request).isEmpty)
        #expect(plan.summary.binsUsed <= instance.opt + 1)
        // The first read fixes the start; every phase reads the clock again within a few hundred
        // nodes or one pass, so the search ends a few reads after the deadline.
        #expect(clock.value <= budgetNs + 20 * 10_000, "stopped at \(clock.value) ns of fake time")
        #expect(clock.value >= budgetNs, "ran the whole budget")
    }
}
