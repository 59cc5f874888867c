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

        /// A point `share` of the way from now to the deadline (phases get slices of the budget).
        func phaseDeadline(_ share: Double) -> UInt64 {
            let now = budget.now()
            guard deadline > now else { return deadline }
            return now &+ UInt64(Double(deadline - now) * share)
        }

        /// Work limits for a phase: at most `nodes` nodes, the passes left, and the phase's slice.
        func work(nodes: Int, share: Double) -> BinCompletion.Work {
            let passesLeft = max(0, budget.maxPasses - passes)
            let byPasses = passesLeft > Int.max / BinCompletion.Work.checkEvery ? Int.max : passesLeft * BinCompletion.Work.checkEvery
            return BinCompletion.Work(nodeLimit: min(nodes, byPasses), now: budget.now, deadline: phaseDeadline(share))
        }

        /// The `count` opened bins the completion fills: the largest, then by index.
        func targets(_ opened: [Int], count: Int) -> [Int] {
            Array(opened.sorted { (cubeCap[$0], -$0) > (cubeCap[$1], -$1) }.prefix(count))
        }

        /// Whether a weight limit can bind at all: not when the lightest opened bin takes every unit's weight.
        func weightBinds(_ opened: [Int]) -> Bool {
            let total = weights.reduce(0, +)
            return opened.contains { total > weightCap[$0] * (1 + SlotState.tolerance) }
        }

        /// Bin completion into `count` of the opened bins, within `work`.
        mutating func complete(opened: [Int], count: Int, work: BinCompletion.Work) -> [Int]? {
            guard sizes.count <= ImprovementSearch.completionUnitLimit, count > 0 else { return nil }
            var search = BinCompletion(
                sizes: sizes, weights: weights, targets: targets(opened, count: count), cubeCap: cubeCap,
                weightCap: weightCap, weightBinds: weightBinds(opened), work: work)
            let result = search.solveWithRestarts(
                totalSize: sizes.reduce(0, +), firstNodes: 20 * sizes.count + 2_000, restartNodes: 4 * sizes.count + 500,
                seed: budget.seed)
            passes += (search.totalNodes + BinCompletion.Work.checkEvery - 1) / BinCompletion.Work.checkEvery
            return result
        }

        /// When `count` identical opened bins have no slack at all for the units' cube (and weight
        /// never binds), every bin must be exactly full: the exact-cover local search, with most
        /// of the budget.
        mutating func exactCover(opened: [Int], count: Int) -> [Int]? {
            let chosen = targets(opened, count: count)
            guard let c = chosen.first.map({ cubeCap[$0] }), chosen.allSatisfy({ cubeCap[$0] == c }),
                  !weightBinds(opened) else { return nil }
            let total = sizes.reduce(0, +)
            guard abs(Double(count) * c - total) <= 1e-9 * max(1, total) else { return nil }
            var search = ExactCover(sizes: sizes, capacity: c, seed: budget.seed)
            var phase = work(nodes: 50_000_000, share: 0.8)
            let bins = search.solve(work: &phase)
            passes += phase.passes
            guard let bins, bins.count <= count else { return nil }
            var result = best
            for (b, units) in bins.enumerated() {
                for u in units { result[u] = chosen[b] }
            }
            return result
        }

        /// Phases, each stopping at the bound: bin completion straight at the bound, MBS′, then
        /// the pool local search one bin at a time, with bin completion retried one bin below the
        /// best so far between its rounds.
        mutating func run(lowerBound: Int) -> [Int] {
            var opened = Set(best).sorted()
            let bound = ImprovementSearch.searchBound(sizes: sizes, opened: opened, cubeCap: cubeCap, given: lowerBound)
            guard opened.count > bound, !exhausted else { return best }
            if let exact = exactCover(opened: opened, count: bound) { return exact }
            if let packed = complete(opened: opened, count: bound, work: work(nodes: 2_000_000, share: 0.3)) {
                return packed
            }
            // One bin above the bound the slack grows by a whole bin and completion is quick:
            // the local search then starts one bin from the bound.
            if opened.count > bound + 1, !exhausted,
               let packed = complete(opened: opened, count: bound + 1, work: work(nodes: 2_000_000, share: 0.2)) {
                best = packed
                opened = Set(best).sorted()
            }
            guard opened.count > bound, !exhausted else { return best }
            if opened.count > bound + 1 {
            var mbsWork = work(nodes: 400_000, share: 0.3)
            if let mbs = ImprovementSearch.minimumBinSlack(
                sizes: sizes, weights: weights, bins: opened, cubeCap: cubeCap, weightCap: weightCap, work: &mbsWork),
                Set(mbs).count < opened.count {
                best = mbs
                opened = Set(best).sorted()
            }
            passes += mbsWork.passes
            }
            var failures = 0
            while opened.count > bound, !exhausted {
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
