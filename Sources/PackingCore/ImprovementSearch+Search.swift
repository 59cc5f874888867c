extension ImprovementSearch {
    /// The search state: units per opened bin ("slot"), the slots' loads, and the pool.
    struct Search {
        let sizes: [Double], weights: [Double]
        let cubeCap: [Double], weightCap: [Double]
        let budget: Budget
        let deadline: UInt64
        var rng: SplitMix64
        var passes = 0
        /// The best complete assignment so far.
        var best: [Int]

        init(problem: Problem, assignment: [Int], budget: Budget) {
            sizes = problem.sizes
            weights = problem.weights
            cubeCap = problem.cubeCapacity
            weightCap = problem.weightCapacity
            self.budget = budget
            let start = budget.now()
            deadline = start &+ budget.nanoseconds < start ? UInt64.max : start &+ budget.nanoseconds
            rng = SplitMix64(seed: budget.seed)
            best = assignment
        }

        var exhausted: Bool { passes >= budget.maxPasses || budget.now() >= deadline }

        mutating func run(lowerBound: Int) -> [Int] {
            var opened = Set(best).sorted()
            if let mbs = ImprovementSearch.minimumBinSlack(
                sizes: sizes, weights: weights, bins: opened, cubeCap: cubeCap, weightCap: weightCap),
                Set(mbs).count < opened.count {
                best = mbs
                opened = Set(best).sorted()
            }
            var failures = 0
            while opened.count > lowerBound, !exhausted {
                // First try the least-filled bin; after a failure, a random one.
                let load = opened.map { b in best.indices.reduce(0.0) { best[$1] == b ? $0 + sizes[$1] : $0 } }
                var victimSlot = 0
                if failures == 0 {
                    for s in load.indices where load[s] < load[victimSlot] { victimSlot = s }
                } else {
                    victimSlot = rng.below(opened.count)
                }
                let limit = 50 + 10 * sizes.count
                if let improved = attempt(opened: opened, victim: opened[victimSlot], passLimit: limit) {
                    best = improved
                    opened = Set(best).sorted()
                    failures = 0
                } else {
                    failures += 1
                }
            }
            return best
        }

        /// Tries to pack every unit into `opened` minus `victim`.
        mutating func attempt(opened: [Int], victim: Int, passLimit: Int) -> [Int]? {
            let slots = opened.filter { $0 != victim }
            var slotOf = [Int: Int]()
            for (s, b) in slots.enumerated() { slotOf[b] = s }
            var content = [[Int]](repeating: [], count: slots.count)
            var load = [Double](repeating: 0, count: slots.count)
            var wload = [Double](repeating: 0, count: slots.count)
            var pool = [Int]()
            for (unit, b) in best.enumerated() {
                if let s = slotOf[b] {
                    content[s].append(unit)
                    load[s] += sizes[unit]
                    wload[s] += weights[unit]
                } else if b == victim {
                    pool.append(unit)
                }
            }
            var state = SlotState(
                slots: slots, content: content, load: load, wload: wload, pool: pool,
                cap: slots.map { cubeCap[$0] }, wcap: slots.map { weightCap[$0] })
            var local = 0
            while !state.pool.isEmpty {
                if local >= passLimit || exhausted { return nil }
                local += 1
                passes += 1
                var improved = false
                for s in 0..<slots.count {
                    if state.improve(slot: s, sizes: sizes, weights: weights) {
                        improved = true
                        if state.pool.isEmpty { break }
                    }
                }
                if !improved { state.kick(rng: &rng, sizes: sizes, weights: weights) }
            }
            var result = best
            for (s, units) in state.content.enumerated() {
                for unit in units { result[unit] = slots[s] }
            }
            return result
        }
    }
}
