public import Model
public import Notify
import Synchronization

/// An alert as the dispatcher received it, and when it last did (Alertmanager's
/// `types.Alert.UpdatedAt`).
public struct ReceivedAlert: Sendable, Hashable {
    /// The alert handed to the dispatcher.
    public var alert: Notify.Alert
    /// When it was last handed over.
    public var updatedAt: Timestamp
}

/// What the Alertmanager API reads of the notification side at one moment: the alerts
/// received, the route tree, receivers and inhibition rules that judge them, and the
/// configuration text. A copy: reading it never enters the dispatcher or the scheduler.
public struct NotificationSnapshot: Sendable {
    /// The alerts received and not yet resolved at the snapshot's time.
    public var alerts: [ReceivedAlert]
    /// The decoded `alerting:` section.
    public var config: NotifyConfig
    /// The section as written, secrets hidden.
    public var original: String
}

extension NotificationPipeline {
    /// Records alerts handed to the dispatcher, and forgets those resolved before `now`
    /// (Alertmanager's API never lists a resolved alert, and drops them at its GC).
    func remember(_ alerts: [Notify.Alert], at now: Timestamp) {
        received.withLock { store in
            for alert in alerts { store[alert.fingerprint] = ReceivedAlert(alert: alert, updatedAt: now) }
            store = store.filter { !$0.value.alert.isResolved(at: now) }
        }
    }

    /// The alerts not resolved at `now`, with the configuration in force.
    public func snapshot(at now: Timestamp) -> NotificationSnapshot {
        let alerts = received.withLock { Array($0.values) }.filter { !$0.alert.isResolved(at: now) }
        let (config, original) = current.withLock { ($0.config, $0.original) }
        return NotificationSnapshot(alerts: alerts, config: config, original: original)
    }
}
