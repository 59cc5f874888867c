extension ImprovementSearch {
    /// Korf-style bin completion towards a fixed number of target bins: the bins are filled one
    /// at a time, each around the largest unit left, and the total slack the targets allow
    /// (their capacity minus the units' total cube) is a budget every closed bin spends from.
    /// When that budget is small (Falkenauer's u-instances) or zero (the t-instances, where every
    /// bin of an optimal packing is exactly full) the search is narrow and usually finds the
    /// packing in a few thousand nodes; it backtracks across bins, which MBS′ cannot.
    ///
    /// Martello & Toth's dominance rules prune it when they are valid (identical targets, weight
    /// never binding): a unit that exactly fills the bin with the largest one is taken at once,
    /// only maximal bins are closed, and when one more unit at most fits only the largest
    /// fitting one is tried.
    struct BinCompletion {
        /// Groups of identical units, by decreasing size then weight.
        let size: [Double], weight: [Double], members: [[Int]]
        var left: [Int]
        /// Target bins in filling order, with their capacities.
        let targets: [Int], cap: [Double], wcap: [Double]
        let dominance: Bool
        let eps: Double
        /// Groups placed per target, in order (a group appears once per unit).
        var content: [[Int]]
        var unitsLeft: Int
        var work: Work
        /// Chance that a choice point passes over a candidate (0 in the first, plain run); the
        /// restarts use it so that each explores a different part of the tree.
        var noise = 0.0
        /// Waste allowed per bin, in shares of the slack left per bin left.
        var spread = Double.infinity
        var rng = SplitMix64(seed: 0)

        /// Node and clock limits: `nodeLimit` makes a run that ends by it deterministic; the
        /// injected clock is read every `checkEvery` nodes so the budget is a hard cap.
        struct Work {
            var nodes = 0
            var nodeLimit: Int
            var stopped = false
            let now: @Sendable () -> UInt64
            let deadline: UInt64
            static let checkEvery = 256

            init(nodeLimit: Int, now: @escaping @Sendable () -> UInt64, deadline: UInt64) {
                self.nodeLimit = nodeLimit
                self.now = now
                self.deadline = deadline
            }

            mutating func step() -> Bool {
                nodes += 1
                if nodes >= nodeLimit { stopped = true }
                if nodes % Work.checkEvery == 0, now() >= deadline { stopped = true }
                return stopped
            }

            /// Passes this work counts for in `Budget.maxPasses` (one per `checkEvery` nodes).
            var passes: Int { (nodes + Work.checkEvery - 1) / Work.checkEvery }
        }

        /// Prepares a search that packs every unit into `targets` (at most as many as units).
        init(sizes: [Double], weights: [Double], targets: [Int], cubeCap: [Double], weightCap: [Double],
             weightBinds: Bool, work: Work) {
            let order = sizes.indices.sorted { (sizes[$0], weights[$0], -$0) > (sizes[$1], weights[$1], -$1) }
            var size = [Double](), weight = [Double](), members = [[Int]]()
            for unit in order {
                if let last = size.last, last == sizes[unit], weight[weight.count - 1] == weights[unit] {
                    members[members.count - 1].append(unit)
                } else {
                    size.append(sizes[unit]); weight.append(weights[unit]); members.append([unit])
                }
            }
            self.size = size
            self.weight = weight
            self.members = members
            left = members.map(\.count)
            let ordered = targets.sorted { (cubeCap[$0], -$0) > (cubeCap[$1], -$1) }
            self.targets = ordered
            cap = ordered.map { cubeCap[$0] }
            wcap = ordered.map { weightCap[$0] }
            let maxCap = cap.first ?? 1
            eps = 1e-9 * max(1, maxCap)
            dominance = !weightBinds && (cap.last ?? 0) >= maxCap - eps
            content = Array(repeating: [], count: ordered.count)
            unitsLeft = sizes.count
            self.work = work
        }

        /// Runs a plain search of `firstNodes` nodes, then restarts of `restartNodes` nodes each
        /// with growing noise until one succeeds or the overall work is spent.
        mutating func solveWithRestarts(totalSize: Double, firstNodes: Int, restartNodes: Int, seed: UInt64) -> [Int]? {
            let overall = work.nodeLimit
            var used = 0
            var run = 0
            rng = SplitMix64(seed: seed)
            while used < overall, !work.stopped || work.nodes >= work.nodeLimit {
                if run > 0, work.now() >= work.deadline { break }
                let share = run == 0 ? firstNodes : restartNodes
                work.nodes = 0
                work.stopped = false
                work.nodeLimit = min(share, overall - used)
                noise = run == 0 ? 0 : min(0.3, 0.02 * Double(run))
                spread = [2.0, 4, 8, 16][run % 4] * (run < 8 ? 1 : .infinity)
                let result = solve(totalSize: totalSize)
                used += work.nodes
                if let result { totalNodes = used; return result }
                run += 1
            }
            totalNodes = used
            return nil
        }

        /// Nodes over all runs of `solveWithRestarts`.
        var totalNodes = 0

        /// Searches; returns the target bin per unit, or nil when it failed or ran out of work.
        mutating func solve(totalSize: Double) -> [Int]? {
            let slack = cap.reduce(0, +) - totalSize
            guard slack >= -eps, pack(bin: 0, slack: slack) else { return nil }
            var assignment = [Int](repeating: -1, count: members.reduce(0) { $0 + $1.count })
            var next = members.map { _ in 0 }
            for (b, groups) in content.enumerated() {
                for g in groups {
                    assignment[members[g][next[g]]] = targets[b]
                    next[g] += 1
                }
            }
            return assignment
        }

        // MARK: Search

        /// Opens target `bin` around the largest unit left and completes it.
        mutating func pack(bin b: Int, slack: Double) -> Bool {
            if unitsLeft == 0 { return true }
            if b == cap.count || work.step() { return false }
            guard let g0 = firstAvailable(from: 0, fitting: .infinity), size[g0] <= cap[b] + eps,
                  weight[g0] <= wcap[b] + eps
            else { return false }
            take(g0, into: b)
            if dominance, let h = firstAvailable(from: g0, fitting: cap[b] - size[g0]),
               abs(size[g0] + size[h] - cap[b]) <= eps {
                take(h, into: b)
                if pack(bin: b + 1, slack: slack) { return true }
                untake(h, from: b)
                untake(g0, from: b)
                return false
            }
            if extend(bin: b, from: g0, fill: size[g0], wfill: weight[g0], slack: slack) { return true }
            untake(g0, from: b)
            return false
        }

        /// Adds units of groups `g...` to target `b` in decreasing order, then closes it.
        mutating func extend(bin b: Int, from g: Int, fill: Double, wfill: Double, slack: Double) -> Bool {
            if work.stopped { return false }
            let residual = cap[b] - fill
            // A bin may waste at most `spread` times its share of the slack left, so the greedy
            // first descents keep slack for the last, hardest bins; restarts loosen it.
            let share = slack * spread / Double(max(1, cap.count - b))
            let minFill = cap[b] - min(slack, share) - eps
            var candidate = firstAvailable(from: g, fitting: residual)
            // Closing here is allowed when the waste fits the slack and, under dominance, no unit
            // left fits (a bin that could take one more is dominated by the one that does).
            let waste = max(0, residual)
            let canClose = waste <= min(slack, share) + eps && (!dominance || smallestAvailableExceeds(residual))
            if candidate == nil { return canClose && pack(bin: b + 1, slack: slack - waste) }
            guard let smallest = lastAvailable() else { return false }
            // At most this many more units fit, all of them no larger than the candidate.
            let fitMore = size[smallest] > eps ? ((residual + eps) / size[smallest]).rounded(.down) : Double(unitsLeft)
            let onlyOne = dominance && fitMore < 2
            while let h = candidate {
                if fill + min(residual, size[h] * fitMore) < minFill { break }
                let skip = noise > 0 && Double(rng.next() >> 11) * 0x1p-53 < noise
                if !skip, wfill + weight[h] <= wcap[b] + eps {
                    if work.step() { return false }
                    take(h, into: b)
                    if extend(bin: b, from: h, fill: fill + size[h], wfill: wfill + weight[h], slack: slack) { return true }
                    untake(h, from: b)
                    if work.stopped { return false }
                    if onlyOne { break }
                }
                candidate = firstAvailable(from: h + 1, fitting: residual)
            }
            // Without dominance a bin may close before it is full, after the fuller choices failed.
            return !dominance && canClose && !work.stopped && pack(bin: b + 1, slack: slack - waste)
        }

        // MARK: Groups

        mutating func take(_ g: Int, into b: Int) {
            left[g] -= 1
            unitsLeft -= 1
            content[b].append(g)
        }

        mutating func untake(_ g: Int, from b: Int) {
            left[g] += 1
            unitsLeft += 1
            content[b].removeLast()
        }

        /// The first group at or after `g` with a unit left whose size fits in `room`.
        func firstAvailable(from g: Int, fitting room: Double) -> Int? {
            // Sizes decrease: binary search for the first size that fits, then skip empty groups.
            var lo = g, hi = size.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if size[mid] > room + eps { lo = mid + 1 } else { hi = mid }
            }
            var h = lo
            while h < size.count, left[h] == 0 { h += 1 }
            return h < size.count ? h : nil
        }

        /// The group of the smallest unit left.
        func lastAvailable() -> Int? {
            var h = size.count - 1
            while h >= 0, left[h] == 0 { h -= 1 }
            return h >= 0 ? h : nil
        }

        /// True when no unit left fits in `room` (the bin is maximal).
        func smallestAvailableExceeds(_ room: Double) -> Bool {
            guard let h = lastAvailable() else { return true }
            return size[h] > room + eps
        }
    }
}

extension ImprovementSearch {
    /// Units beyond which bin completion is skipped: it recurses about once per unit and bin.
    static let completionUnitLimit = 2_000
}
