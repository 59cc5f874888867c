/// Percentiles with linear interpolation between closest ranks: numpy's default `method="linear"`
/// (Hyndman & Fan type 7), which is also PostgreSQL's `percentile_cont`.
public enum Percentile {
    /// The percentiles `qs` (each in 0…100) of `values`.
    /// - Throws: `.tooFewValues` for an empty input, `.nonFinite` for NaN/inf, `.domain` for q outside 0…100.
    public static func compute(_ values: [Double], at qs: [Double]) throws(StatisticsError) -> [Double] {
        guard !values.isEmpty else { throw .tooFewValues(needed: 1, got: 0) }
        try values.requireFinite("values")
        var work = values
        return try work.withUnsafeMutableBufferPointer { buf throws(StatisticsError) in
            try ofUnordered(buf, at: qs)
        }
    }

    /// Percentiles of a scratch buffer that this function may reorder.
    static func ofUnordered(_ buf: UnsafeMutableBufferPointer<Double>, at qs: [Double]) throws(StatisticsError) -> [Double] {
        let n = buf.count
        var positions: [(lo: Int, hi: Int, gamma: Double)] = []
        for q in qs {
            guard q >= 0, q <= 100 else { throw .domain("percentile must be within 0…100 (got \(q))") }
            // As numpy: virtual index = (q/100)·(n − 1), split into floor and fraction.
            let virtual = (q / 100) * Double(n - 1)
            let lo = min(Int(virtual.rounded(.down)), n - 1)
            positions.append((lo, min(lo + 1, n - 1), virtual - Double(lo)))
        }
        Selection.select(buf, targets: positions.flatMap { [$0.lo, $0.hi] })
        return positions.map { lerp(buf[$0.lo], buf[$0.hi], $0.gamma) }
    }

    /// numpy's `_lerp`: a + (b − a)·t, but b − (b − a)(1 − t) for t ≥ ½, which is exact at t = 1
    /// and keeps the result monotone.
    static func lerp(_ a: Double, _ b: Double, _ t: Double) -> Double {
        let diff = b - a
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t
    }
}
