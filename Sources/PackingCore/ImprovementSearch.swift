/// Consolidation after the greedy pass: open fewer bins, cube and weight only.
///
/// The search stops as soon as it reaches a lower bound (bins needed by total cube and weight,
/// raised to Martello & Toth's L2 when the opened bins are identical). Phases, in order:
/// 1. zero slack (the bound's bins hold exactly the units' cube): an exact-cover local search
///    closes exactly-full bins of two or three units (Falkenauer's triplets);
/// 2. bin completion straight at the bound, then one bin above it (backtracking, Martello & Toth
///    dominance, restarts);
/// 3. Minimum Bin Slack (MBS′) when still two bins or more above the bound;
/// 4. the pool local search: empty one opened bin into a pool, then exchanges of up to 2 bin
///    units for 1–2 pool units that fill each bin most (Levine & Ducatelle), with seeded kicks.
/// Every phase reads the injected clock at least every few hundred nodes or once a pass, so
/// the time budget is a hard cap; `Budget.maxPasses` caps the work (a pass is one local-search
/// pass or 256 search nodes), so a run that ends by it is deterministic.
public enum ImprovementSearch {
    /// Time and work limits. `now` is the only clock PackingCore reads: the CLI passes the
    /// monotonic clock, tests pass a counter, so tests never depend on machine speed.
    public struct Budget: Sendable {
        /// Time allowed, in nanoseconds of `now`.
        public var nanoseconds: UInt64
        /// A monotonic nanosecond source.
        public var now: @Sendable () -> UInt64
        /// Hard cap on passes, so a run that ends by it is deterministic.
        public var maxPasses: Int
        /// Seed of the kicks.
        public var seed: UInt64

        /// Creates a budget.
        public init(nanoseconds: UInt64, now: @escaping @Sendable () -> UInt64, maxPasses: Int = 1_000_000, seed: UInt64 = 0x5EED) {
            self.nanoseconds = nanoseconds
            self.now = now
            self.maxPasses = maxPasses
            self.seed = seed
        }
    }

    /// A cube/weight bin packing: `sizes[i]`/`weights[i]` per unit, capacities per bin.
    public struct Problem: Sendable {
        /// Unit sizes (cube).
        public var sizes: [Double]
        /// Unit weights.
        public var weights: [Double]
        /// Cube capacity per bin.
        public var cubeCapacity: [Double]
        /// Weight capacity per bin.
        public var weightCapacity: [Double]

        /// Creates a problem.
        public init(sizes: [Double], weights: [Double], cubeCapacity: [Double], weightCapacity: [Double]) {
            self.sizes = sizes
            self.weights = weights
            self.cubeCapacity = cubeCapacity
            self.weightCapacity = weightCapacity
        }
    }

    /// Improves `assignment` (bin index per unit, feasible) towards `lowerBound` opened bins.
    /// Units only move between bins the assignment already opened.
    /// - Returns: a feasible assignment opening no more bins than `assignment`.
    public static func minimizeBins(_ problem: Problem, assignment: [Int], lowerBound: Int, budget: Budget) -> [Int] {
        var search = Search(problem: problem, assignment: assignment, budget: budget)
        return search.run(lowerBound: lowerBound)
    }

    /// The smallest number of the given bins whose largest capacities can hold the total cube
    /// and, separately, the total weight: a lower bound for packing into those bins.
    public static func capacityLowerBound(_ problem: Problem, bins: [Int]) -> Int {
        func needed(_ total: Double, _ caps: [Double]) -> Int {
            var sum = 0.0, k = 0
            for c in caps.sorted(by: >) {
                if sum >= total * (1 - 1e-12) { break }
                sum += c
                k += 1
            }
            return k
        }
        let cube = needed(problem.sizes.reduce(0, +), bins.map { problem.cubeCapacity[$0] })
        let weight = needed(problem.weights.reduce(0, +), bins.map { problem.weightCapacity[$0] })
        return max(cube, weight, problem.sizes.isEmpty ? 0 : 1)
    }
}
