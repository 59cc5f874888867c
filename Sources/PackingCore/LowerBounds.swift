/// Lower bounds on the number of identical bins an integer bin-packing instance needs.
public enum LowerBounds {
    /// L1 = ⌈Σw / c⌉.
    public static func l1(sizes: [Int], capacity: Int) -> Int {
        let total = sizes.reduce(0, +)
        return (total + capacity - 1) / capacity
    }

    /// Martello & Toth's L2 = max over K in {0} ∪ {distinct sizes ≤ c/2} of
    /// |N1| + |N2| + max(0, ⌈(Σ_{N3} w − (|N2|·c − Σ_{N2} w)) / c⌉), with
    /// N1 = {w > c − K}, N2 = {c − K ≥ w > c/2}, N3 = {c/2 ≥ w ≥ K}; and at least L1.
    public static func l2(sizes: [Int], capacity c: Int) -> Int {
        var best = l1(sizes: sizes, capacity: c)
        let sorted = sizes.sorted()
        // "w ≤ c/2" with c/2 possibly fractional: 2w ≤ c.
        var ks = [0]
        var last = -1
        for w in sorted where 2 * w <= c && w != last {
            ks.append(w)
            last = w
        }
        for k in ks {
            var n1 = 0, n2 = 0, sum2 = 0, sum3 = 0
            for w in sorted {
                if w > c - k { n1 += 1 } else if 2 * w > c { n2 += 1; sum2 += w } else if w >= k { sum3 += w }
            }
            let excess = sum3 - (n2 * c - sum2)
            let extra = excess > 0 ? (excess + c - 1) / c : 0
            best = max(best, n1 + n2 + extra)
        }
        return best
    }
}
