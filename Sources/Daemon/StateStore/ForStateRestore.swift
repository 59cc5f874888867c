public import Model
public import Rules

/// Puts a saved alert back after a restart, with Prometheus's `RestoreForState` rules
/// (`--rules.alert.for-outage-tolerance` 1h, `--rules.alert.for-grace-period` 10m) applied
/// to the `for` timer, so a restart neither resets pending timers nor re-pages:
///
/// 1. Down longer than the outage tolerance: nothing is restored (as Prometheus finds no
///    `ALERTS_FOR_STATE` sample in `[now - tolerance, now]`).
/// 2. Down no longer than two group intervals: the alert is restored exactly (at most one
///    evaluation was missed; this is what lets `binwatch run --once` from cron keep `for`
///    timers across runs). Prometheus would shift `activeAt` by the downtime here too.
/// 3. Firing and resolved alerts are restored as they were: state, `firedAt`, `lastSentAt`
///    (unlike Prometheus, which re-sends after a restart and relies on Alertmanager to
///    deduplicate; here the state store is the dedup).
/// 4. Pending alerts of rules with `for` shorter than the grace period start over; others
///    get Prometheus's `activeAt`: `remaining = for - (downAt - activeAt)`; `remaining <= 0`
///    keeps `activeAt` (fires at the next evaluation); `remaining < grace` sets
///    `activeAt = now + grace - for`; otherwise `activeAt += now - downAt` (downtime not counted).
public struct ForStateRestore: Sendable {
    public var outageTolerance: PromDuration
    public var gracePeriod: PromDuration

    public init(outageTolerance: PromDuration, gracePeriod: PromDuration) {
        self.outageTolerance = outageTolerance
        self.gracePeriod = gracePeriod
    }

    /// The alert to put back, or nil when it should start over.
    /// - Parameters:
    ///   - holdDuration: the rule's current `for`.
    ///   - interval: the group's interval (for the short-restart rule).
    ///   - downAt: when the previous process last wrote its state.
    ///   - now: the first evaluation time after the restart.
    public func restore(
        _ saved: Alert, holdDuration: PromDuration, interval: PromDuration, downAt: Timestamp, now: Timestamp
    ) -> Alert? {
        let downtime = now - downAt
        if downtime > outageTolerance { return nil }
        if downtime.milliseconds <= 2 * interval.milliseconds { return saved }
        guard saved.state == .pending else { return saved }
        if holdDuration < gracePeriod { return nil }
        var alert = saved
        let remaining = holdDuration - (downAt - saved.activeAt)
        if remaining <= .zero {
            // Already past `for` when the process stopped: fires at the next evaluation.
        } else if remaining < gracePeriod {
            alert.activeAt = now + gracePeriod - holdDuration
        } else {
            alert.activeAt = saved.activeAt + downtime
        }
        return alert
    }
}

extension PromDuration {
    static func - (lhs: PromDuration, rhs: PromDuration) -> PromDuration {
        PromDuration(milliseconds: lhs.milliseconds - rhs.milliseconds)
    }
}
