/// Ranks with ties given the average of the ranks they span (scipy's `rankdata(method="average")`),
/// 1-based. Large inputs are ordered by an LSD radix sort on the values' bit patterns, which is
/// several times faster than a comparison sort of (value, index) pairs at a million values.
public enum Ranking {
    /// The average ranks of finite `values`.
    public static func averageRanks(_ values: [Double]) -> [Double] {
        let n = values.count
        var ranks = [Double](repeating: 0, count: n)
        guard n > 0 else { return ranks }
        let (keys, order) = n < 1024 ? comparisonOrder(values) : radixOrder(values)
        ranks.withUnsafeMutableBufferPointer { out in
            var i = 0
            while i < n {
                var j = i + 1
                while j < n && keys[j] == keys[i] { j += 1 }
                // Positions i..<j tie; their 1-based ranks i+1 … j average to (i + 1 + j) / 2.
                let average = Double(i + 1 + j) / 2
                for k in i..<j { out[Int(order[k])] = average }
                i = j
            }
        }
        return ranks
    }

    /// An order-preserving map from Double to UInt64: flip all bits of negatives, the sign bit of
    /// the rest. −0.0 is folded into +0.0 first so that the two tie, as they compare equal.
    @inline(__always)
    static func key(_ v: Double) -> UInt64 {
        let bits = (v + 0.0).bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    private static func comparisonOrder(_ values: [Double]) -> ([UInt64], [UInt32]) {
        let order = values.indices.sorted { values[$0] < values[$1] }
        return (order.map { key(values[$0]) }, order.map { UInt32($0) })
    }

    /// Sorted keys and the original index of each, by six 11-bit LSD passes (trivial passes skipped).
    private static func radixOrder(_ values: [Double]) -> ([UInt64], [UInt32]) {
        let n = values.count
        let bits = 11, buckets = 1 << bits, passes = 6
        var keys = values.map(key)
        var order = (0..<n).map { UInt32($0) }
        var keys2 = [UInt64](repeating: 0, count: n)
        var order2 = [UInt32](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: buckets * passes)
        keys.withUnsafeBufferPointer { k in
            counts.withUnsafeMutableBufferPointer { c in
                for v in k {
                    for p in 0..<passes { c[p * buckets + Int((v >> UInt64(p * bits)) & UInt64(buckets - 1))] += 1 }
                }
            }
        }
        for p in 0..<passes {
            let base = p * buckets
            // A pass where every key has the same digit would only copy.
            let first = Int((keys[0] >> UInt64(p * bits)) & UInt64(buckets - 1))
            if counts[base + first] == n { continue }
            var offsets = [Int](repeating: 0, count: buckets)
            var running = 0
            for b in 0..<buckets { offsets[b] = running; running += counts[base + b] }
            let shift = UInt64(p * bits), mask = UInt64(buckets - 1)
            keys.withUnsafeBufferPointer { k in
                order.withUnsafeBufferPointer { o in
                    keys2.withUnsafeMutableBufferPointer { k2 in
                        order2.withUnsafeMutableBufferPointer { o2 in
                            offsets.withUnsafeMutableBufferPointer { off in
                                for i in 0..<n {
                                    let d = Int((k[i] >> shift) & mask)
                                    let dst = off[d]
                                    off[d] = dst + 1
                                    k2[dst] = k[i]
                                    o2[dst] = o[i]
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &keys2)
            swap(&order, &order2)
        }
        return (keys, order)
    }
}
