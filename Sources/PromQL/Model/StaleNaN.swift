/// Prometheus's staleness marker: a NaN with a reserved bit pattern
/// (`value.StaleNaN` in prometheus/model/value). A stored sample with this value
/// says "the series ended here", so lookback stops at it.
public enum StaleNaN {
    /// The bit pattern Prometheus writes, `0x7ff0000000000002`.
    public static let bitPattern: UInt64 = 0x7ff0_0000_0000_0002

    /// The marker value itself.
    public static let value = Double(bitPattern: bitPattern)

    /// Whether `value` is the marker (an ordinary NaN is not).
    @inline(__always)
    public static func isStale(_ value: Double) -> Bool { value.bitPattern == bitPattern }
}
