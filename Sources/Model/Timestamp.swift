/// A point in time in milliseconds since the Unix epoch, Prometheus's resolution.
public struct Timestamp: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    /// Rounds to the nearest millisecond, as Prometheus does for float-second times.
    public init(seconds: Double) {
        self.milliseconds = Int64((seconds * 1000).rounded())
    }

    /// Seconds since the epoch as a float (the unit PromQL's `time()` uses).
    public var seconds: Double { Double(milliseconds) / 1000 }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.milliseconds < rhs.milliseconds }

    public static func + (lhs: Timestamp, rhs: PromDuration) -> Timestamp {
        Timestamp(milliseconds: lhs.milliseconds &+ rhs.milliseconds)
    }

    public static func - (lhs: Timestamp, rhs: PromDuration) -> Timestamp {
        Timestamp(milliseconds: lhs.milliseconds &- rhs.milliseconds)
    }

    /// The duration from `rhs` to `lhs`.
    public static func - (lhs: Timestamp, rhs: Timestamp) -> PromDuration {
        PromDuration(milliseconds: lhs.milliseconds &- rhs.milliseconds)
    }

    public var description: String { "\(milliseconds)ms" }
}
