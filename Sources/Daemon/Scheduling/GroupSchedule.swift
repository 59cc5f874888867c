import PromQL
public import Model

/// Where a rule group's evaluations fall: Prometheus spreads groups over their interval
/// with a per-group offset (`group.go:EvalTimestamp`, `Group.hash`), so groups with the same
/// interval do not all run at once and restarts keep each group on its own grid.
public struct GroupSchedule: Sendable, Equatable {
    public var interval: PromDuration
    /// `xxhash64(labels{file, name}) % interval`, in nanoseconds.
    public var offsetNanoseconds: UInt64

    /// - Parameters:
    ///   - file: the rule file path as given in the config (part of the group's identity).
    ///   - name: the group name.
    public init(file: String, name: String, interval: PromDuration) {
        self.interval = interval
        // labels.Hash: name 0xff value 0xff for each label, sorted by name (file < name).
        var bytes: [UInt8] = []
        for (key, value) in [("file", file), ("name", name)] {
            bytes += Array(key.utf8) + [0xFF] + Array(value.utf8) + [0xFF]
        }
        let intervalNanoseconds = UInt64(max(1, interval.milliseconds)) * 1_000_000
        offsetNanoseconds = XXHash64.hash(bytes) % intervalNanoseconds
    }

    /// The latest slot at or before `now` (`EvalTimestamp`).
    public func slot(atOrBefore now: Timestamp) -> Timestamp {
        let intervalNs = Int64(interval.milliseconds) * 1_000_000
        let nowNs = now.milliseconds * 1_000_000
        let adjusted = nowNs - Int64(offsetNanoseconds)
        var base = adjusted - adjusted % intervalNs
        if adjusted % intervalNs < 0 { base -= intervalNs }
        let slotNs = base + Int64(offsetNanoseconds)
        // Milliseconds are the store's resolution; round down so a slot never lies in the future.
        return Timestamp(milliseconds: slotNs >= 0 ? slotNs / 1_000_000 : (slotNs - 999_999) / 1_000_000)
    }

    /// The first evaluation after start-up: one interval after the current slot, as `Group.run`.
    public func firstEvaluation(after now: Timestamp) -> Timestamp { slot(atOrBefore: now) + interval }
}
