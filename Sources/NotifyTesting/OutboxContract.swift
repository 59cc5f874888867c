public import Model
public import Notify

/// The behaviour every `Outbox` and `NotificationLog` must have, as reusable checks: the
/// daemon runs them against its SQLite store, tests against the in-memory ones. Each
/// returns the expectations that failed (empty = conforms).
public enum OutboxContract {
    static func notification(group: String, firing: Set<UInt64>, resolved: Set<UInt64> = [], at ms: Int64) -> OutboundNotification {
        let key = GroupKey(routeKey: "{}", groupLabels: Labels(["alertname": group]))
        let alert = Alert(
            labels: Labels(["alertname": group]), annotations: Labels(["summary": "s"]), startsAt: Timestamp(milliseconds: ms),
            endsAt: resolved.isEmpty ? nil : Timestamp(milliseconds: ms + 1), generatorURL: "http://g")
        return OutboundNotification(
            slot: .init(groupKey: key.description, receiver: "r", integration: "webhook[0]"), group: key, alerts: [alert],
            firing: firing, resolved: resolved, createdAt: Timestamp(milliseconds: ms))
    }

    /// Checks an empty outbox: put/pending/all/remove, replacement by slot, and that
    /// removing an older state keeps a newer one.
    public static func violations(of outbox: any Outbox) async -> [String] {
        var failures: [String] = []
        func expect(_ ok: Bool, _ what: String) { if !ok { failures.append(what) } }
        let a1 = notification(group: "A", firing: [1], at: 10)
        let a2 = notification(group: "A", firing: [1, 2], at: 20)
        let b = notification(group: "B", firing: [], resolved: [3], at: 15)
        do throws(NotifyError) {
            expect(await outbox.all().isEmpty, "a new outbox is empty")
            try await outbox.put(a1)
            try await outbox.put(b)
            expect(await outbox.pending(a1.slot) == a1, "pending returns what was put, alerts and times intact")
            try await outbox.put(a2)
            expect(await outbox.pending(a1.slot) == a2, "a newer notification replaces the slot's older one")
            expect(Set(await outbox.all().map(\.slot)) == [a1.slot, b.slot], "all lists one entry per slot")
            try await outbox.remove(a1)
            expect(await outbox.pending(a1.slot) == a2, "removing an older state keeps the newer one")
            try await outbox.remove(a2)
            expect(await outbox.pending(a1.slot) == nil, "removing the current state empties the slot")
            try await outbox.remove(b)
            expect(await outbox.all().isEmpty, "everything removed")
        } catch {
            failures.append("unexpected error: \(error)")
        }
        return failures
    }

    /// Checks an empty notification log: record/entry round trip, overwrite, and garbage
    /// collection (an entry survives until its expiry and is gone after it).
    public static func violations(of log: any NotificationLog) async -> [String] {
        var failures: [String] = []
        let slot = OutboundNotification.Slot(groupKey: "{}:{alertname=\"A\"}", receiver: "r", integration: "slack[0]")
        let first = NotificationLogEntry(firing: [1, 2], resolved: [], timestamp: Timestamp(milliseconds: 1000))
        let second = NotificationLogEntry(firing: [], resolved: [1, 2], timestamp: Timestamp(milliseconds: 2000))
        do throws(NotifyError) {
            if await log.entry(for: slot) != nil { failures.append("a new log has no entry") }
            try await log.record(first, for: slot, retention: PromDuration(seconds: 3600))
            if await log.entry(for: slot) != first { failures.append("entry returns what was recorded") }
            try await log.record(second, for: slot, retention: PromDuration(seconds: 3600))
            if await log.entry(for: slot) != second { failures.append("a later record replaces the entry") }
            let expiry = second.timestamp.milliseconds + 3_600_000
            let early = try await log.garbageCollect(at: Timestamp(milliseconds: expiry - 1))
            let kept = await log.entry(for: slot)
            if early != 0 || kept == nil { failures.append("garbage collection keeps an entry before its expiry") }
            let late = try await log.garbageCollect(at: Timestamp(milliseconds: expiry + 1))
            let gone = await log.entry(for: slot)
            if late != 1 || gone != nil { failures.append("garbage collection drops an entry after its expiry") }
        } catch {
            failures.append("unexpected error: \(error)")
        }
        return failures
    }
}
