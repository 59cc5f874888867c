extension ImprovementSearch {
    /// Slots (opened bins other than the one being emptied), their contents and the pool.
    struct SlotState {
        let slots: [Int]
        var content: [[Int]]
        var load: [Double], wload: [Double]
        var pool: [Int]
        let cap: [Double], wcap: [Double]

        static let tolerance = 1e-9

        func fits(_ s: Int, cube: Double, weight: Double) -> Bool {
            load[s] + cube <= cap[s] * (1 + SlotState.tolerance) && wload[s] + weight <= wcap[s] * (1 + SlotState.tolerance)
        }

        /// Makes the exchange that raises slot `s`'s load most: out up to 2 units, in 1–2 pool units.
        mutating func improve(slot s: Int, sizes: [Double], weights: [Double]) -> Bool {
            let items = content[s]
            let eps = SlotState.tolerance * max(1, cap[s])
            // Candidate "out" sets: none, one, two units of the slot.
            var bestGain = eps, bestOut: [Int] = [], bestIn: [Int] = []
            var found = false
            func tryIn(out: [Int], outSize: Double, outWeight: Double) {
                let room = cap[s] * (1 + SlotState.tolerance) - load[s] + outSize
                let wroom = wcap[s] * (1 + SlotState.tolerance) - wload[s] + outWeight
                for (pi, p) in pool.enumerated() {
                    let sp = sizes[p]
                    if sp <= room, weights[p] <= wroom, sp - outSize > bestGain {
                        bestGain = sp - outSize; bestOut = out; bestIn = [pi]; found = true
                    }
                    if pool.count > 40 { continue }
                    for qi in (pi + 1)..<pool.count {
                        let q = pool[qi]
                        let sum = sp + sizes[q]
                        if sum <= room, weights[p] + weights[q] <= wroom, sum - outSize > bestGain {
                            bestGain = sum - outSize; bestOut = out; bestIn = [pi, qi]; found = true
                        }
                    }
                }
            }
            tryIn(out: [], outSize: 0, outWeight: 0)
            for (ai, a) in items.enumerated() {
                tryIn(out: [ai], outSize: sizes[a], outWeight: weights[a])
                if items.count > 16 { continue }
                for bi in (ai + 1)..<items.count {
                    let b = items[bi]
                    tryIn(out: [ai, bi], outSize: sizes[a] + sizes[b], outWeight: weights[a] + weights[b])
                }
            }
            guard found else { return false }
            apply(slot: s, out: bestOut, in: bestIn, sizes: sizes, weights: weights)
            return true
        }

        /// Moves content[s][out] to the pool and pool[in] into the slot (indices before the move).
        mutating func apply(slot s: Int, out: [Int], in incoming: [Int], sizes: [Double], weights: [Double]) {
            let leaving = out.map { content[s][$0] }
            let arriving = incoming.map { pool[$0] }
            for index in out.sorted(by: >) { content[s].remove(at: index) }
            for index in incoming.sorted(by: >) { pool.remove(at: index) }
            for unit in leaving {
                load[s] -= sizes[unit]; wload[s] -= weights[unit]; pool.append(unit)
            }
            for unit in arriving {
                load[s] += sizes[unit]; wload[s] += weights[unit]; content[s].append(unit)
            }
        }

        /// A random step when no exchange helps: swap a random slot unit with a random pool unit
        /// if that fits, else eject the slot unit to the pool.
        mutating func kick(rng: inout SplitMix64, sizes: [Double], weights: [Double]) {
            guard !slots.isEmpty, !pool.isEmpty else { return }
            let s = rng.below(slots.count)
            guard !content[s].isEmpty else { return }
            let ai = rng.below(content[s].count), pi = rng.below(pool.count)
            let a = content[s][ai], p = pool[pi]
            if fits(s, cube: sizes[p] - sizes[a], weight: weights[p] - weights[a]) {
                apply(slot: s, out: [ai], in: [pi], sizes: sizes, weights: weights)
            } else {
                apply(slot: s, out: [ai], in: [], sizes: sizes, weights: weights)
            }
        }
    }
}
