/// `rate`, `increase`, `delta`, `irate`, `idelta`, `deriv`, `predict_linear`,
/// `resets` and `changes` over float samples, as `promql/functions.go` computes them.
enum RateFunctions {
    /// `extrapolatedRate`: the increase (counters: reset-corrected) between the first
    /// and last sample, extrapolated towards the window's edges when the samples come
    /// close enough to them (within 1.1 average intervals), never below a counter's zero.
    static func extrapolatedRate(_ w: RangeWindow, isCounter: Bool, isRate: Bool) -> Double? {
        guard w.count >= 2 else { return nil }
        var result = w.lastV - w.firstV
        if isCounter {
            var prev = w.firstV
            for v in w.values.dropFirst() {
                if v < prev { result += prev }
                prev = v
            }
        }
        var durationToStart = Double(w.firstT - w.rangeStart) / 1000
        var durationToEnd = Double(w.rangeEnd - w.lastT) / 1000
        let sampledInterval = Double(w.lastT - w.firstT) / 1000
        let averageDurationBetweenSamples = sampledInterval / Double(w.count - 1)
        let extrapolationThreshold = averageDurationBetweenSamples * 1.1
        if durationToStart >= extrapolationThreshold {
            durationToStart = averageDurationBetweenSamples / 2
        }
        if isCounter {
            var durationToZero = durationToStart
            if result > 0 && w.firstV >= 0 {
                durationToZero = sampledInterval * (w.firstV / result)
            }
            if durationToZero < durationToStart { durationToStart = durationToZero }
        }
        if durationToEnd >= extrapolationThreshold {
            durationToEnd = averageDurationBetweenSamples / 2
        }
        var factor = 1.0
        if sampledInterval != 0 {
            factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval
        }
        if isRate { factor /= w.rangeSeconds }
        return result * factor
    }

    /// `irate` / `idelta`: from the last two samples only.
    static func instantValue(_ w: RangeWindow, isRate: Bool) -> Double? {
        guard w.count >= 2 else { return nil }
        let t1 = w.timestamps[w.timestamps.endIndex - 2], v1 = w.values[w.values.endIndex - 2]
        let t2 = w.lastT, v2 = w.lastV
        let interval = t2 - t1
        guard interval != 0 else { return nil }
        var result = v2
        if !isRate || !(v2 < v1) { result = v2 - v1 }
        if isRate { result /= Double(interval) / 1000 }
        return result
    }

    /// Least-squares fit with Kahan sums, x in seconds relative to `interceptTime`.
    static func linearRegression(_ w: RangeWindow, interceptTime: Int64) -> (slope: Double, intercept: Double) {
        var n = 0.0
        var sumX = 0.0, cX = 0.0, sumY = 0.0, cY = 0.0
        var sumXY = 0.0, cXY = 0.0, sumX2 = 0.0, cX2 = 0.0
        let initY = w.firstV
        var constY = true
        for (t, v) in zip(w.timestamps, w.values) {
            if constY && v != initY { constY = false }
            n += 1
            let x = Double(t - interceptTime) / 1e3
            (sumX, cX) = kahanInc(x, sumX, cX)
            (sumY, cY) = kahanInc(v, sumY, cY)
            (sumXY, cXY) = kahanInc(x * v, sumXY, cXY)
            (sumX2, cX2) = kahanInc(x * x, sumX2, cX2)
        }
        if constY {
            if initY.isInfinite { return (.nan, .nan) }
            return (0, initY)
        }
        sumX += cX; sumY += cY; sumXY += cXY; sumX2 += cX2
        let covXY = sumXY - sumX * sumY / n
        let varX = sumX2 - sumX * sumX / n
        let slope = covXY / varX
        return (slope, sumY / n - slope * sumX / n)
    }

    static func deriv(_ w: RangeWindow) -> Double? {
        guard w.count >= 2 else { return nil }
        return linearRegression(w, interceptTime: w.firstT).slope
    }

    static func predictLinear(_ w: RangeWindow, duration: Double) -> Double? {
        guard w.count >= 2 else { return nil }
        let (slope, intercept) = linearRegression(w, interceptTime: w.evalTime)
        return slope * duration + intercept
    }

    static func resets(_ w: RangeWindow) -> Double? {
        guard w.count >= 1 else { return nil }
        var resets = 0
        var prev = w.firstV
        for v in w.values.dropFirst() {
            if v < prev { resets += 1 }
            prev = v
        }
        return Double(resets)
    }

    static func changes(_ w: RangeWindow) -> Double? {
        guard w.count >= 1 else { return nil }
        var changes = 0
        var prev = w.firstV
        for v in w.values.dropFirst() {
            if v != prev && !(v.isNaN && prev.isNaN) { changes += 1 }
            prev = v
        }
        return Double(changes)
    }
}
