/// Kahan–Neumaier compensated summation step, as Prometheus's `util/kahansum.Inc`:
/// returns the new running sum and compensation. Infinite sums reset the compensation.
@inline(__always)
func kahanInc(_ inc: Double, _ sum: Double, _ c: Double) -> (sum: Double, c: Double) {
    let t = sum + inc
    var c = c
    if t.isInfinite {
        c = 0
    } else if abs(sum) >= abs(inc) {
        c += (sum - t) + inc
    } else {
        c += (inc - t) + sum
    }
    return (t, c)
}

/// Prometheus's `almost.Equal`: NaN equals NaN, a stale marker only equals a stale
/// marker, otherwise a relative difference under `epsilon` (absolute near zero).
public func almostEqual(_ a: Double, _ b: Double, epsilon: Double) -> Bool {
    if StaleNaN.isStale(a) || StaleNaN.isStale(b) { return StaleNaN.isStale(a) && StaleNaN.isStale(b) }
    if a.isNaN && b.isNaN { return true }
    if a == b { return true }
    let minNormal = Double.leastNormalMagnitude
    let absSum = abs(a) + abs(b)
    let diff = abs(a - b)
    if a == 0 || b == 0 || absSum < minNormal { return diff < epsilon * minNormal }
    return diff / min(absSum, Double.greatestFiniteMagnitude) < epsilon
}
