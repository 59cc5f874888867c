/// Multi-target quickselect: after `select`, `a[k]` holds the k-th smallest value for every
/// requested k, as numpy's `np.partition(a, kth)` guarantees. Percentiles need a handful of
/// order statistics, and selecting them is O(n) where sorting is O(n log n).
enum Selection {
    /// Partially orders `a` so that every index in `targets` holds its order statistic.
    static func select(_ a: UnsafeMutableBufferPointer<Double>, targets: [Int]) {
        let ks = Array(Set(targets)).sorted()
        guard !ks.isEmpty, a.count > 1 else { return }
        // Depth limit as in introselect: past it, sort the part outright (never quadratic).
        var depth = 0
        var n = a.count
        while n > 0 { depth += 2; n >>= 1 }
        recurse(a, 0, a.count - 1, ks[...], depth)
    }

    private static func recurse(
        _ a: UnsafeMutableBufferPointer<Double>, _ lo: Int, _ hi: Int, _ ks: ArraySlice<Int>, _ depth: Int
    ) {
        guard lo < hi, !ks.isEmpty else { return }
        if hi - lo < 32 || depth == 0 {
            var part = UnsafeMutableBufferPointer(rebasing: a[lo...hi])
            part.sort()
            return
        }
        // Median of three as pivot; Hoare partition splits runs of equal values evenly.
        let mid = lo + (hi - lo) / 2
        if a[mid] < a[lo] { a.swapAt(mid, lo) }
        if a[hi] < a[lo] { a.swapAt(hi, lo) }
        if a[hi] < a[mid] { a.swapAt(hi, mid) }
        let pivot = a[mid]
        var i = lo - 1, j = hi + 1
        while true {
            repeat { i += 1 } while a[i] < pivot
            repeat { j -= 1 } while a[j] > pivot
            if i >= j { break }
            a.swapAt(i, j)
        }
        // Now a[lo...j] ≤ pivot ≤ a[j+1...hi].
        let split = ks.partitioningIndex { $0 > j }
        recurse(a, lo, j, ks[ks.startIndex..<split], depth - 1)
        recurse(a, j + 1, hi, ks[split...], depth - 1)
    }
}

extension ArraySlice where Element == Int {
    /// The first index whose element satisfies `pred`, for a slice sorted so that `pred` is monotone.
    fileprivate func partitioningIndex(where pred: (Int) -> Bool) -> Index {
        var lo = startIndex, hi = endIndex
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if pred(self[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
