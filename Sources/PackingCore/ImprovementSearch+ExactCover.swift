extension ImprovementSearch {
    /// A min-conflicts local search for packings with no slack at all (total cube = k × the
    /// capacity of k identical bins, as in Falkenauer's triplet instances): every bin of such a
    /// packing is exactly full. Units wait in a pool; a step takes a pool unit and closes an
    /// exactly-full bin around it with one or two more units, taking them from the pool when it
    /// can and otherwise breaking the fewest closed bins (their other units return to the pool).
    /// Recently closed bins are tabu, ties are broken by a seeded generator. When the pool is
    /// empty, k bins are exactly full. Bins of more than three units are out of its reach.
    struct ExactCover {
        let size: [Double]
        /// Distinct sizes ascending, and the units of each.
        let groupSize: [Double]
        let groupUnits: [[Int]]
        let capacity: Double
        let eps: Double
        /// Closed bin of each unit (-1: in the pool), and each closed bin's units.
        var binOf: [Int]
        var bins: [[Int]] = []
        var freeBins: [Int] = []
        var closedAt: [Int] = []
        var pool: [Int]
        var poolIndex: [Int]
        var rng: SplitMix64
        var iteration = 0

        init(sizes: [Double], capacity: Double, seed: UInt64) {
            size = sizes
            self.capacity = capacity
            eps = 1e-9 * max(1, capacity)
            let order = sizes.indices.sorted { (sizes[$0], $0) < (sizes[$1], $1) }
            var gs = [Double](), gu = [[Int]]()
            for unit in order {
                if let last = gs.last, abs(last - sizes[unit]) <= 1e-9 * max(1, capacity) {
                    gu[gu.count - 1].append(unit)
                } else {
                    gs.append(sizes[unit]); gu.append([unit])
                }
            }
            groupSize = gs
            groupUnits = gu
            binOf = Array(repeating: -1, count: sizes.count)
            pool = Array(sizes.indices)
            poolIndex = Array(sizes.indices)
            rng = SplitMix64(seed: seed)
        }

        /// Steps until the pool is empty (then the bins) or `work` stops (nil).
        mutating func solve(work: inout BinCompletion.Work) -> [[Int]]? {
            while !pool.isEmpty {
                if work.step() { return nil }
                iteration += 1
                let x = pool[rng.below(pool.count)]
                guard let completion = bestCompletion(of: x) else { return nil }
                close([x] + completion)
            }
            return bins.enumerated().filter { !$0.element.isEmpty }.map(\.element)
        }

        /// The cheapest one or two units that fill a bin exactly with `x`: cost is the number
        /// of closed bins broken, tabu bins excluded, ties random.
        mutating func bestCompletion(of x: Int) -> [Int]? {
            let room = capacity - size[x]
            var best: [Int]?, bestCost = Int.max, ties = 0
            func consider(_ units: [Int]) {
                var broken = [Int]()
                for u in units where binOf[u] >= 0 && !broken.contains(binOf[u]) { broken.append(binOf[u]) }
                let tabu = broken.contains { iteration - closedAt[$0] <= 2 + size.count / 100 }
                let cost = broken.count + (tabu ? 10 : 0)
                if cost < bestCost {
                    bestCost = cost; best = units; ties = 1
                } else if cost == bestCost {
                    ties += 1
                    if rng.below(ties) == 0 { best = units }
                }
            }
            // One unit of size `room`.
            if let g = group(of: room), let u = pick(in: g, excluding: x, and: -1) { consider([u]) }
            // Two units y ≤ z with y + z = room.
            for gy in groupSize.indices {
                let y = groupSize[gy]
                if 2 * y > room + eps { break }
                guard let gz = group(of: room - y), gz >= gy else { continue }
                guard let u = pick(in: gy, excluding: x, and: -1), let v = pick(in: gz, excluding: x, and: u) else { continue }
                consider([u, v])
            }
            return best
        }

        /// The group whose size equals `s` (within the tolerance).
        func group(of s: Double) -> Int? {
            var lo = 0, hi = groupSize.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if groupSize[mid] < s - eps { lo = mid + 1 } else { hi = mid }
            }
            return lo < groupSize.count && abs(groupSize[lo] - s) <= eps ? lo : nil
        }

        /// A unit of group `g` other than `a` and `b`: a pool unit if any, else the unit of the
        /// oldest closed bin.
        func pick(in g: Int, excluding a: Int, and b: Int) -> Int? {
            var found: Int?, foundAge = Int.max
            for u in groupUnits[g] where u != a && u != b {
                if binOf[u] < 0 { return u }
                let age = closedAt[binOf[u]]
                if age < foundAge { found = u; foundAge = age }
            }
            return found
        }

        /// Breaks the bins of `units` and closes a new bin of them.
        mutating func close(_ units: [Int]) {
            for u in units where binOf[u] >= 0 {
                let b = binOf[u]
                for other in bins[b] {
                    binOf[other] = -1
                    addToPool(other)
                }
                bins[b] = []
                freeBins.append(b)
            }
            let b: Int
            if let reused = freeBins.popLast() {
                b = reused
                bins[b] = units
                closedAt[b] = iteration
            } else {
                b = bins.count
                bins.append(units)
                closedAt.append(iteration)
            }
            for u in units {
                removeFromPool(u)
                binOf[u] = b
            }
        }

        mutating func addToPool(_ u: Int) {
            poolIndex[u] = pool.count
            pool.append(u)
        }

        mutating func removeFromPool(_ u: Int) {
            let i = poolIndex[u]
            guard i < pool.count, pool[i] == u else { return }
            let last = pool[pool.count - 1]
            pool[i] = last
            poolIndex[last] = i
            pool.removeLast()
        }
    }
}
