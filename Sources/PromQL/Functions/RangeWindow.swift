/// The samples one range-vector function sees at one evaluation step: a series'
/// points in the left-open window `(rangeStart, rangeEnd]`, stale markers removed.
struct RangeWindow {
    var timestamps: ArraySlice<Int64>
    var values: ArraySlice<Double>
    /// The window's bounds in milliseconds (`rangeStart` is exclusive).
    var rangeStart: Int64
    var rangeEnd: Int64
    /// The evaluation time of the step (before offset), in milliseconds.
    var evalTime: Int64
    /// The selector's range in seconds (the divisor of `rate`).
    var rangeSeconds: Double { Double(rangeEnd - rangeStart) / 1000 }

    var count: Int { timestamps.count }
    var firstT: Int64 { timestamps[timestamps.startIndex] }
    var lastT: Int64 { timestamps[timestamps.endIndex - 1] }
    var firstV: Double { values[values.startIndex] }
    var lastV: Double { values[values.endIndex - 1] }
}
