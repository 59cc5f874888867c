/// A stand-in for a native histogram sample, which binwatch cannot represent: a NaN
/// with a reserved bit pattern (next to the staleness marker's). The promqltest runner
/// loads `{{...}}` samples as placeholders so the engine can see that a histogram is
/// there, and ignore, count or flag it as Prometheus does (`ignored histogram in max
/// aggregation`, `incompatible sample types`), instead of acting as if the series did
/// not exist. Only engines with `Engine.histogramPlaceholders` look for them.
enum HistogramPlaceholder {
    static let bitPattern: UInt64 = 0x7ff0_0000_0000_0003

    static let value = Double(bitPattern: bitPattern)

    @inline(__always)
    static func isPlaceholder(_ value: Double) -> Bool { value.bitPattern == bitPattern }
}

extension Matrix {
    /// The matrix without placeholder points (series left empty are removed).
    func droppingHistogramPlaceholders() -> Matrix {
        guard contains(where: { $0.values.contains(where: HistogramPlaceholder.isPlaceholder) }) else { return self }
        var out: Matrix = []
        out.reserveCapacity(count)
        for series in self {
            guard series.values.contains(where: HistogramPlaceholder.isPlaceholder) else {
                out.append(series)
                continue
            }
            var kept = Series(labels: series.labels, dropName: series.dropName)
            for (t, v) in zip(series.timestamps, series.values) where !HistogramPlaceholder.isPlaceholder(v) {
                kept.append(t, v)
            }
            if !kept.isEmpty { out.append(kept) }
        }
        return out
    }
}
