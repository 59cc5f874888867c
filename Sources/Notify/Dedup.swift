/// Alertmanager's dedup decision (`DedupStage.needsUpdate`): whether a flush must notify
/// an integration, given what was last delivered.
enum Dedup {
    /// - Parameters:
    ///   - entry: the last delivery for the slot, if any.
    ///   - firing: fingerprints firing now.
    ///   - resolved: fingerprints resolved now.
    ///   - sendResolved: the integration's `send_resolved`.
    ///   - repeatDue: whether the entry is older than `repeat_interval`.
    static func needsUpdate(
        entry: NotificationLogEntry?, firing: Set<UInt64>, resolved: Set<UInt64>, sendResolved: Bool, repeatDue: Bool
    ) -> Bool {
        // Never notified: only when something fires.
        guard let entry else { return !firing.isEmpty }
        // New firing alerts.
        if !firing.isSubset(of: entry.firing) { return true }
        // All resolved: notify (regardless of send_resolved) so the log forgets the
        // firing set, but only if the receiver ever heard of a firing alert.
        if firing.isEmpty { return !entry.firing.isEmpty }
        if sendResolved && !resolved.isSubset(of: entry.resolved) { return true }
        return repeatDue
    }
}
