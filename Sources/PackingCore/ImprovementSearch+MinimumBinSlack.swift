extension ImprovementSearch {
    /// Gupta & Ho's Minimum Bin Slack, with Fleszar & Hindi's change (the largest unit left is
    /// always in the next bin): bins are filled one at a time, each with the subset of the
    /// remaining units that leaves the least slack, found by a depth-first search over groups
    /// of identical units with a node limit. Bin-oriented where FFD/BFD are item-oriented, it
    /// completes exact fills FFD misses (triplets that sum to the capacity).
    ///
    /// - Returns: a full assignment, or nil when the bins (largest capacity first) run out or
    ///   `work` stops (its node limit or the clock, read every few hundred nodes).
    static func minimumBinSlack(sizes: [Double], weights: [Double], bins: [Int], cubeCap: [Double], weightCap: [Double],
                                nodeLimit: Int = 20_000, work: inout BinCompletion.Work) -> [Int]? {
        // Groups of identical units, by decreasing size then weight.
        let order = sizes.indices.sorted {
            (sizes[$0], weights[$0], -$0) > (sizes[$1], weights[$1], -$1)
        }
        var groupSize = [Double](), groupWeight = [Double](), members = [[Int]]()
        for unit in order {
            if let last = groupSize.last, last == sizes[unit], groupWeight[groupWeight.count - 1] == weights[unit] {
                members[members.count - 1].append(unit)
            } else {
                groupSize.append(sizes[unit]); groupWeight.append(weights[unit]); members.append([unit])
            }
        }
        var left = members.map(\.count)
        var assignment = [Int](repeating: -1, count: sizes.count)
        var unitsLeft = sizes.count
        let binOrder = bins.sorted { (cubeCap[$0], -$0) > (cubeCap[$1], -$1) }
        for bin in binOrder {
            if unitsLeft == 0 || work.stopped { break }
            let take = fill(cap: cubeCap[bin], wcap: weightCap[bin], sizes: groupSize, weights: groupWeight, left: left,
                            nodeLimit: nodeLimit, work: &work)
            for (g, count) in take.enumerated() where count > 0 {
                for _ in 0..<count {
                    left[g] -= 1
                    assignment[members[g][left[g]]] = bin
                    unitsLeft -= 1
                }
            }
        }
        return unitsLeft == 0 && !work.stopped ? assignment : nil
    }

    /// The least-slack subset for one bin, as a count per group.
    static func fill(cap: Double, wcap: Double, sizes: [Double], weights: [Double], left: [Int], nodeLimit: Int,
                     work: inout BinCompletion.Work) -> [Int] {
        let capT = cap * (1 + 1e-9), wcapT = wcap * (1 + 1e-9)
        let eps = 1e-9 * max(1, cap)
        var suffix = [Double](repeating: 0, count: sizes.count + 1)
        for g in stride(from: sizes.count - 1, through: 0, by: -1) { suffix[g] = suffix[g + 1] + sizes[g] * Double(left[g]) }
        var current = [Int](repeating: 0, count: sizes.count)
        var best = current, bestFill = -1.0
        var nodes = 0
        // The largest unit left is always taken (MBS′), when it fits at all.
        var start = 0
        var fill0 = 0.0, wfill0 = 0.0
        if let first = left.firstIndex(where: { $0 > 0 }), sizes[first] <= capT, weights[first] <= wcapT {
            current[first] = 1
            fill0 = sizes[first]; wfill0 = weights[first]
            start = first
        }
        func dfs(_ g: Int, _ fill: Double, _ wfill: Double) {
            if fill > bestFill { bestFill = fill; best = current }
            if capT - bestFill <= eps || nodes >= nodeLimit || g >= sizes.count || work.stopped { return }
            if fill + suffix[g] - Double(current[g]) * sizes[g] <= bestFill { return }
            nodes += 1
            if work.step() { return }
            let room = capT - fill, wroom = wcapT - wfill
            var most = left[g] - current[g]
            if sizes[g] > 0 { most = min(most, Int((room / sizes[g]).rounded(.down))) }
            if weights[g] > 0 { most = min(most, Int((wroom / weights[g]).rounded(.down))) }
            let base = current[g]
            var t = max(0, most)
            while t >= 0 {
                current[g] = base + t
                dfs(g + 1, fill + Double(t) * sizes[g], wfill + Double(t) * weights[g])
                if capT - bestFill <= eps || nodes >= nodeLimit || work.stopped { break }
                t -= 1
            }
            current[g] = base
        }
        dfs(start, fill0, wfill0)
        return best
    }
}
