extension ImprovementSearch {
    /// Martello & Toth's L2 for units of any (non-negative) size in identical bins of cube
    /// `capacity`, as `LowerBounds.l2` computes it for integers: max over K in {0} ∪ {sizes ≤ c/2}
    /// of |N1| + |N2| + ⌈(Σ N3 − (|N2|·c − Σ N2)) / c⌉⁺. Sorted once, each K costs two binary
    /// searches, so the search can afford it on every call.
    static func identicalBinL2(sizes: [Double], capacity c: Double) -> Int {
        guard !sizes.isEmpty, c > 0 else { return 0 }
        let eps = 1e-9 * max(1, c)
        let sorted = sizes.sorted()
        var prefix = [Double](repeating: 0, count: sorted.count + 1)
        for (i, s) in sorted.enumerated() { prefix[i + 1] = prefix[i] + s }
        /// How many sizes are ≤ x (with the tolerance).
        func countAtMost(_ x: Double) -> Int {
            var lo = 0, hi = sorted.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if sorted[mid] <= x + eps { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        /// How many sizes are < x.
        func countBelow(_ x: Double) -> Int {
            var lo = 0, hi = sorted.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if sorted[mid] < x - eps { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        func ceilDiv(_ x: Double) -> Int { x <= eps ? 0 : Int((x / c - 1e-9).rounded(.up)) }
        var best = ceilDiv(prefix[sorted.count])
        let half = countAtMost(c / 2)
        var k = 0.0
        var i = 0
        while true {
            let n1Start = countAtMost(c - k)            // N1: sizes > c − K
            let n2Start = min(half, n1Start)            // N2: c/2 < size ≤ c − K
            let n3Start = countBelow(k)                 // N3: K ≤ size ≤ c/2
            let n1 = sorted.count - n1Start, n2 = n1Start - n2Start
            let sum2 = prefix[n1Start] - prefix[n2Start]
            let sum3 = n3Start < half ? prefix[half] - prefix[n3Start] : 0
            best = max(best, n1 + n2 + ceilDiv(sum3 - (Double(n2) * c - sum2)))
            // Next distinct size ≤ c/2.
            while i < half, sorted[i] <= k { i += 1 }
            guard i < half else { break }
            k = sorted[i]
        }
        return best
    }

    /// The bound the search stops at: `given`, raised to L2 when every opened bin has the same
    /// cube capacity (L2 is only valid for identical bins).
    static func searchBound(sizes: [Double], opened: [Int], cubeCap: [Double], given: Int) -> Int {
        guard let first = opened.first else { return given }
        let c = cubeCap[first]
        guard opened.allSatisfy({ abs(cubeCap[$0] - c) <= 1e-12 * max(1, c) }) else { return given }
        return max(given, identicalBinL2(sizes: sizes, capacity: c))
    }
}
