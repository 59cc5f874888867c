/// `histogram_quantile` and `histogram_fraction` over classic `le` buckets
/// (`BucketQuantile` / `BucketFraction` in `promql/quantile.go`).
enum HistogramQuantile {
    struct Bucket {
        var upperBound: Double
        var count: Double
    }

    /// Relative tolerance under which a decrease between buckets is float noise.
    static let smallDeltaTolerance = 1e-12

    /// The q-quantile by linear interpolation inside the bucket holding rank q·count.
    /// Buckets are sorted, equal bounds merged, and counts forced monotonic first.
    static func quantile(_ q: Double, _ input: [Bucket]) -> Double {
        quantileReportingFix(q, input).value
    }

    /// What the monotonicity fix changed: the lowest and highest bound it raised and
    /// the biggest decrease it removed (`ensureMonotonicAndIgnoreSmallDeltas`).
    struct MonotonicityFix {
        var minBucket = Double.infinity
        var maxBucket = -Double.infinity
        var maxDiff = 0.0
    }

    /// `BucketQuantile`: the quantile and, when counts had to be forced monotonic, what
    /// was fixed (nil otherwise, and for q outside [0, 1]).
    static func quantileReportingFix(_ q: Double, _ input: [Bucket]) -> (value: Double, fix: MonotonicityFix?) {
        if q.isNaN { return (.nan, nil) }
        if q < 0 { return (-.infinity, nil) }
        if q > 1 { return (.infinity, nil) }
        var buckets = input.sorted { $0.upperBound < $1.upperBound }
        guard let last = buckets.last, last.upperBound == .infinity else { return (.nan, nil) }
        buckets = coalesce(buckets)
        let fix = ensureMonotonic(&buckets)
        return (interpolate(q, buckets), fix)
    }

    /// The interpolation step of `BucketQuantile` over sorted, monotonic buckets.
    private static func interpolate(_ q: Double, _ buckets: [Bucket]) -> Double {
        if buckets.count < 2 { return .nan }
        let observations = buckets[buckets.count - 1].count
        if observations == 0 { return .nan }
        var rank = q * observations
        // sort.Search over buckets[0..<count-1] for the first count >= rank.
        var b = buckets.count - 1
        for i in 0..<(buckets.count - 1) where buckets[i].count >= rank {
            b = i
            break
        }
        if b == buckets.count - 1 { return buckets[buckets.count - 2].upperBound }
        if b == 0 && buckets[0].upperBound <= 0 { return buckets[0].upperBound }
        var bucketStart = 0.0
        let bucketEnd = buckets[b].upperBound
        var count = buckets[b].count
        if b > 0 {
            bucketStart = buckets[b - 1].upperBound
            count -= buckets[b - 1].count
            rank -= buckets[b - 1].count
        }
        return bucketStart + (bucketEnd - bucketStart) * (rank / count)
    }

    /// The fraction of observations between `lower` and `upper`, interpolating linearly
    /// inside the buckets the bounds fall in.
    static func fraction(lower: Double, upper: Double, _ input: [Bucket]) -> Double {
        var buckets = input.sorted { $0.upperBound < $1.upperBound }
        guard let last = buckets.last, last.upperBound == .infinity else { return .nan }
        buckets = coalesce(buckets)
        let count = buckets[buckets.count - 1].count
        if count == 0 || lower.isNaN || upper.isNaN { return .nan }
        if lower >= upper { return 0 }
        var rank = 0.0, lowerRank = 0.0, upperRank = 0.0
        var lowerSet = false, upperSet = false
        var lowerBound = buckets[0].upperBound <= 0 ? -Double.infinity : 0
        for (i, b) in buckets.enumerated() {
            if i > 0 { lowerBound = buckets[i - 1].upperBound }
            let upperBound = b.upperBound
            func interpolate(_ v: Double) -> Double {
                if lowerBound == -.infinity { return b.count }
                return rank + (b.count - rank) * (v - lowerBound) / (upperBound - lowerBound)
            }
            if !lowerSet && lowerBound >= lower { lowerRank = rank; lowerSet = true }
            if !upperSet && lowerBound >= upper { upperRank = rank; upperSet = true }
            if lowerSet && upperSet { break }
            if !lowerSet && lowerBound < lower && upperBound > lower { lowerRank = interpolate(lower); lowerSet = true }
            if !upperSet && lowerBound < upper && upperBound > upper { upperRank = interpolate(upper); upperSet = true }
            if lowerSet && upperSet { break }
            rank = b.count
        }
        if !lowerSet || lowerRank > count { lowerRank = count }
        if !upperSet || upperRank > count { upperRank = count }
        return (upperRank - lowerRank) / count
    }

    /// Merges buckets with the same upper bound by adding their counts.
    static func coalesce(_ buckets: [Bucket]) -> [Bucket] {
        var out: [Bucket] = []
        out.reserveCapacity(buckets.count)
        for b in buckets {
            if let lastIndex = out.indices.last, out[lastIndex].upperBound == b.upperBound {
                out[lastIndex].count += b.count
            } else {
                out.append(b)
            }
        }
        return out
    }

    /// The monotonicity fix: a count below its predecessor is raised to it (scrapes of
    /// buckets are not atomic); differences within `smallDeltaTolerance` are ignored.
    @discardableResult
    static func ensureMonotonic(_ buckets: inout [Bucket]) -> MonotonicityFix? {
        guard !buckets.isEmpty else { return nil }
        var fix: MonotonicityFix?
        var prev = buckets[0].count
        for i in 1..<buckets.count {
            let curr = buckets[i].count
            if curr == prev { continue }
            if almostEqual(prev, curr, epsilon: smallDeltaTolerance) {
                buckets[i].count = prev
                continue
            }
            if curr < prev {
                buckets[i].count = prev
                var f = fix ?? MonotonicityFix()
                f.minBucket = min(f.minBucket, buckets[i].upperBound)
                f.maxBucket = max(f.maxBucket, buckets[i].upperBound)
                f.maxDiff = max(f.maxDiff, prev - curr)
                fix = f
                continue
            }
            prev = curr
        }
        return fix
    }
}
