/// The `*_over_time` family over one window's float samples (`promql/functions.go`).
enum OverTimeFunctions {
    /// Mean with Kahan summation, switching to an incremental mean when the sum overflows.
    static func avg(_ w: RangeWindow) -> Double {
        var sum = w.firstV, count = 1.0
        var mean = 0.0, c = 0.0
        var incremental = false
        for (i, f) in w.values.dropFirst().enumerated() {
            count = Double(i + 2)
            if !incremental {
                let (newSum, newC) = kahanInc(f, sum, c)
                if !newSum.isInfinite {
                    sum = newSum; c = newC
                    continue
                }
                incremental = true
                mean = sum / (count - 1)
                c /= (count - 1)
            }
            let q = (count - 1) / count
            (mean, c) = kahanInc(f / count, q * mean, q * c)
        }
        if incremental { return mean + c }
        return sum / count + c / count
    }

    static func sum(_ w: RangeWindow) -> Double {
        var sum = 0.0, c = 0.0
        for f in w.values { (sum, c) = kahanInc(f, sum, c) }
        return sum.isInfinite ? sum : sum + c
    }

    /// `max_over_time` / `min_over_time` (and the `ts_of_` variants): NaN is replaced
    /// by any later value.
    static func compare(_ w: RangeWindow, timestamp: Bool, _ better: (Double, Double) -> Bool) -> Double {
        var best = w.firstV
        var bestT = w.firstT
        for (t, f) in zip(w.timestamps, w.values) where better(f, best) || best.isNaN {
            best = f
            bestT = t
        }
        return timestamp ? Double(bestT) / 1000 : best
    }

    static func variance(_ w: RangeWindow) -> Double {
        var count = 0.0, mean = 0.0, cMean = 0.0, aux = 0.0, cAux = 0.0
        for f in w.values {
            count += 1
            let delta = f - (mean + cMean)
            (mean, cMean) = kahanInc(delta / count, mean, cMean)
            (aux, cAux) = kahanInc(delta * (f - (mean + cMean)), aux, cAux)
        }
        return (aux + cAux) / count
    }

    static func quantile(_ q: Double, _ w: RangeWindow) -> Double {
        Quantile.of(q, Array(w.values))
    }

    /// Median absolute deviation; NaN when any value is NaN.
    static func mad(_ w: RangeWindow) -> Double {
        if w.values.contains(where: { $0.isNaN }) { return .nan }
        let values = Array(w.values)
        let median = Quantile.of(0.5, values)
        return Quantile.of(0.5, values.map { abs($0 - median) })
    }
}

/// Prometheus's `quantile` over plain values: linear interpolation between the
/// closest ranks, `-Inf` below 0 and `+Inf` above 1, NaN sorted first.
enum Quantile {
    static func of(_ q: Double, _ values: [Double]) -> Double {
        if values.isEmpty || q.isNaN { return .nan }
        if q < 0 { return -.infinity }
        if q > 1 { return .infinity }
        let sorted = values.sorted { a, b in a.isNaN ? !b.isNaN || false : (b.isNaN ? false : a < b) }
        let n = Double(sorted.count)
        let rank = q * (n - 1)
        let lower = max(0, rank.rounded(.down))
        let upper = min(n - 1, lower + 1)
        let weight = rank - rank.rounded(.down)
        return sorted[Int(lower)] * (1 - weight) + sorted[Int(upper)] * weight
    }
}

extension OverTimeFunctions {
    /// Holt's double exponential smoothing (`funcDoubleExponentialSmoothing`).
    static func doubleExponentialSmoothing(_ w: RangeWindow, smoothing sf: Double, trend tf: Double) -> Double? {
        let values = Array(w.values)
        guard values.count >= 2 else { return nil }
        var s0 = 0.0
        var s1 = values[0]
        var b = values[1] - values[0]
        for i in 1..<values.count {
            let x = sf * values[i]
            b = trendValue(i - 1, tf, s0, s1, b)
            let y = (1 - sf) * (s1 + b)
            s0 = s1
            s1 = x + y
        }
        return s1
    }

    private static func trendValue(_ i: Int, _ tf: Double, _ s0: Double, _ s1: Double, _ b: Double) -> Double {
        if i == 0 { return b }
        return tf * (s1 - s0) + (1 - tf) * b
    }
}
