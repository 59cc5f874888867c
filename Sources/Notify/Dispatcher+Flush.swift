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
        // Alertmanager's TimeActiveStage and TimeMuteStage sit here, after inhibition and
        // before dedup: a time-muted flush sends nothing and writes no notification-log
        // entry, so the first flush after the interval ends sends what is firing then.
        // As there, the flush still counts as done: resolved alerts leave the group.
        if !unmuted.isEmpty, let reason = timeMuteReason(group.route.options, at: now) {
            metrics.timeMuted(receiver: group.route.options.receiver, reason: reason)
            await finishTimeMuted(group, id: id, snapshot: snapshot)
            return
        }
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

    /// Ends a time-muted flush: resolved alerts leave the group unless a notification
    /// submitted before the interval began is still being delivered.
    private func finishTimeMuted(_ group: AggregationGroup, id: GroupID, snapshot: [(alert: Alert, version: UInt64)]) async {
        let options = group.route.options
        for integration in receiverIntegrations(options.receiver) {
            let slot = OutboundNotification.Slot(
                groupKey: group.key.description, receiver: options.receiver, integration: integration.info.id)
            if await isPending(slot) { return }
        }
        groups[id.routeID]?[id.labels]?.removeResolved(snapshot)
        removeIfEmpty(id)
    }

    /// Why the route sends nothing at `now`, if it does not: `active_time_interval` when it
    /// has active intervals and none contains `now`, `mute_time_interval` when one of its
    /// mute intervals does (Alertmanager checks the active list first).
    func timeMuteReason(_ options: RouteOptions, at now: Timestamp) -> NotifyMetrics.TimeMuteReason? {
        if !options.activeTimeIntervals.isEmpty && !timeIntervals.contains(now, anyOf: options.activeTimeIntervals) {
            return .activeTimeInterval
        }
        if timeIntervals.contains(now, anyOf: options.muteTimeIntervals) { return .muteTimeInterval }
        return nil
    }

    private func receiverIntegrations(_ receiver: String) -> [Integration] { integrationsByReceiver[receiver] ?? [] }

    private func removeIfEmpty(_ id: GroupID) {
        if groups[id.routeID]?[id.labels]?.count == 0 {
            groups[id.routeID]?[id.labels] = nil
        }
    }
}
