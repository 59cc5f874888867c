import Model

extension Dispatcher {
    /// One group flush: mute, dedup per integration, submit what changed; then drop the
    /// resolved alerts once every integration has them delivered.
    func flush(_ group: AggregationGroup, id: GroupID, at now: Timestamp) async {
        let snapshot = group.snapshot(at: now)
        guard !snapshot.isEmpty else {
            removeIfEmpty(id)
            return
        }
        // Muted alerts are removed before dedup; a fully muted group sends nothing,
        // not even a resolve (alertmanager#226).
        let mutedFlags = await muted(snapshot.map(\.alert.labels), at: now)
        let unmuted = zip(snapshot, mutedFlags).filter { !$0.1 }.map(\.0.alert)
        let firing = Set(unmuted.filter { $0.endsAt == nil }.map(\.fingerprint))
        let resolved = Set(unmuted.filter { $0.endsAt != nil }.map(\.fingerprint))
        let options = group.route.options
        var allSettled = true
        for integration in receiverIntegrations(options.receiver) {
            let slot = OutboundNotification.Slot(
                groupKey: group.key.description, receiver: options.receiver, integration: integration.info.id)
            let entry = await logEntry(slot)
            let repeatDue = entry.map { $0.timestamp < now - options.repeatInterval } ?? false
            let needed = Dedup.needsUpdate(
                entry: entry, firing: firing, resolved: resolved, sendResolved: integration.info.sendResolved,
                repeatDue: repeatDue)
            guard needed else {
                if await isPending(slot) { allSettled = false }
                continue
            }
            let alerts = integration.info.sendResolved ? unmuted : unmuted.filter { $0.endsAt == nil }
            let notification = OutboundNotification(
                slot: slot, group: group.key, alerts: alerts, firing: firing, resolved: resolved, createdAt: now)
            do throws(NotifyError) {
                if alerts.isEmpty {
                    try await recordWithoutSending(notification)
                } else {
                    try await submit(notification)
                    allSettled = false
                }
            } catch {
                allSettled = false
            }
        }
        if allSettled {
            groups[id.routeID]?[id.labels]?.removeResolved(snapshot)
            removeIfEmpty(id)
        }
    }

    private func receiverIntegrations(_ receiver: String) -> [Integration] { integrationsByReceiver[receiver] ?? [] }

    private func removeIfEmpty(_ id: GroupID) {
        if groups[id.routeID]?[id.labels]?.count == 0 {
            groups[id.routeID]?[id.labels] = nil
        }
    }
}
