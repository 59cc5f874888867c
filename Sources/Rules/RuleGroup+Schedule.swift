import PromQL
public import Model

extension RuleGroup {
    /// This group's offset inside its interval: `xxhash64({file, name}) % interval`, as
    /// `group.go:Group.hash`, so groups spread over the interval the same way they do in
    /// Prometheus (nanoseconds there; kept in nanoseconds here and rounded at the end).
    public var slotOffsetNanoseconds: Int64 {
        let interval = UInt64(max(self.interval.milliseconds, 1)) * 1_000_000
        let hash = XXHash64.hash(labels: [("name", name), ("file", file)])
        return Int64(hash % interval)
    }

    /// The latest evaluation slot at or before `now` (`group.go:EvalTimestamp`):
    /// `base = (now - offset) - (now - offset) % interval; slot = base + offset`, computed in
    /// nanoseconds as Prometheus does and truncated to milliseconds.
    /// A scheduler evaluates first at `evaluationTimestamp(now) + interval`, then every interval.
    public func evaluationTimestamp(for now: Timestamp) -> Timestamp {
        let interval = max(self.interval.milliseconds, 1) * 1_000_000
        let offset = slotOffsetNanoseconds
        let adjusted = now.milliseconds * 1_000_000 - offset
        // Go's % truncates toward zero like Swift's, so negative times behave the same.
        let base = adjusted - adjusted % interval
        return Timestamp(milliseconds: (base + offset) / 1_000_000)
    }

    /// The first evaluation after start-up at `now`: one interval after the current slot,
    /// as `Group.run` waits for the next tick before its first evaluation.
    public func firstEvaluationTimestamp(after now: Timestamp) -> Timestamp {
        Timestamp(milliseconds: evaluationTimestamp(for: now).milliseconds + max(interval.milliseconds, 1))
    }

    /// The next slot strictly after `last` given the time `now` a tick arrived: overruns
    /// skip slots, never catch up (`Group.run`: `missed = (now - last)/interval - 1`).
    /// - Returns: the slot and how many slots were missed.
    public func nextEvaluationTimestamp(after last: Timestamp, now: Timestamp) -> (slot: Timestamp, missed: Int64) {
        let interval = max(self.interval.milliseconds, 1)
        let missed = max((now.milliseconds - last.milliseconds) / interval - 1, 0)
        return (Timestamp(milliseconds: last.milliseconds + (missed + 1) * interval), missed)
    }
}
