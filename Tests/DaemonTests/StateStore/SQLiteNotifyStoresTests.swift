import Daemon
import Foundation
import Model
import Notify
import NotifyTesting
import Testing

/// The SQLite outbox, notification log and silences against Notify's contracts, and what
/// survives reopening the file (a restart).
struct SQLiteNotifyStoresTests {
    @Test func outboxAndLogPassTheContracts() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let database = try NotifyStateDatabase(path: workspace.path("state.sqlite"))
        #expect(await OutboxContract.violations(of: database.outbox) == [])
        #expect(await OutboxContract.violations(of: database.notificationLog) == [])
    }

    @Test func pendingNotificationsAndLogEntriesSurviveReopening() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let path = workspace.path("state.sqlite")
        let key = GroupKey(routeKey: "{}", groupLabels: Labels(["alertname": "BinFull"]))
        let alert = Notify.Alert(
            labels: Labels(["alertname": "BinFull", "bin": "A1"]), annotations: Labels(["summary": "full"]),
            startsAt: Timestamp(milliseconds: 1000), endsAt: Timestamp(milliseconds: 241_000), generatorURL: "http://x/graph")
        let slot = OutboundNotification.Slot(groupKey: key.description, receiver: "ops", integration: "webhook[0]")
        let pending = OutboundNotification(
            slot: slot, group: key, alerts: [alert], firing: [alert.fingerprint], resolved: [], createdAt: Timestamp(milliseconds: 5000))
        let entry = NotificationLogEntry(firing: [alert.fingerprint], resolved: [], timestamp: Timestamp(milliseconds: 6000))
        do {
            let database = try NotifyStateDatabase(path: path)
            try await database.outbox.put(pending)
            try await database.notificationLog.record(entry, for: slot, retention: PromDuration(seconds: 3600))
        }
        let reopened = try NotifyStateDatabase(path: path)
        #expect(await reopened.outbox.all() == [pending])
        #expect(reopened.outbox.depth() == 1)
        #expect(await reopened.notificationLog.entry(for: slot) == entry)
        // Expiry: the entry lives until timestamp + retention and goes at that instant (nflog's `<=`).
        #expect(try reopened.notificationLog.garbageCollect(at: Timestamp(milliseconds: 5999 + 3_600_000)) == 0)
        #expect(try reopened.notificationLog.garbageCollect(at: Timestamp(milliseconds: 6000 + 3_600_000)) == 1)
        #expect(await reopened.notificationLog.entry(for: slot) == nil)
    }

    @Test func silencesMuteWhileActiveAndExpire() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let store = try NotifyStateDatabase(path: workspace.path("state.sqlite")).silences
        let silence = Notify.Silence(
            id: "s1", matchers: [try Matcher(.equal, "alertname", "BinFull"), try Matcher(.regexMatch, "bin", "A.*")],
            startsAt: Timestamp(milliseconds: 1000), endsAt: Timestamp(milliseconds: 10_000), createdBy: "ops", comment: "maintenance")
        try store.save(silence)
        let hit = Labels(["alertname": "BinFull", "bin": "A1"])
        let miss = Labels(["alertname": "BinFull", "bin": "B1"])
        #expect(await store.all() == [silence])
        #expect(await store.mutes([hit, miss], at: Timestamp(milliseconds: 5000)) == [true, false])
        #expect(await store.mutes(hit, at: Timestamp(milliseconds: 999)) == false, "not started yet")
        #expect(await store.mutes(hit, at: Timestamp(milliseconds: 10_000)) == false, "endsAt is exclusive")
        #expect(try store.expire(id: "s1", at: Timestamp(milliseconds: 4000)))
        #expect(await store.mutes(hit, at: Timestamp(milliseconds: 5000)) == false)
        #expect(try store.expire(id: "s1", at: Timestamp(milliseconds: 5000)) == false, "already ended")
        #expect(try store.expire(id: "nope", at: Timestamp(milliseconds: 5000)) == false)
        // A second connection (the CLI while the daemon runs) sees the same rows.
        let other = try NotifyStateDatabase(path: workspace.path("state.sqlite")).silences
        #expect(await other.all().map(\.endsAt) == [Timestamp(milliseconds: 4000)])
    }
}
