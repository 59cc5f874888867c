import NotifyTesting
import Foundation
import Model
import Notify
import Testing

@Suite struct OutboxTests {
    static let slot = OutboundNotification.Slot(groupKey: "{}:{alertname=\"A\"}", receiver: "r", integration: "webhook[0]")

    static func notification(firing: Set<UInt64>, resolved: Set<UInt64> = [], at ms: Int64 = 0) -> OutboundNotification {
        OutboundNotification(
            slot: slot, group: GroupKey(routeKey: "{}", groupLabels: Labels(["alertname": "A"])), alerts: [],
            firing: firing, resolved: resolved, createdAt: Timestamp(milliseconds: ms))
    }

    @Test func newerStateReplacesAndOldDeliveryDoesNotRemoveIt() async throws {
        let outbox = InMemoryOutbox()
        let first = Self.notification(firing: [1])
        let second = Self.notification(firing: [1, 2], at: 10)
        await outbox.put(first)
        await outbox.put(second)
        #expect(await outbox.depth == 1)
        await outbox.remove(first)  // the older state was delivered meanwhile
        #expect(await outbox.pending(Self.slot) == second)
        await outbox.remove(second)
        #expect(await outbox.all().isEmpty)
    }

    @Test func notificationsRoundTripThroughJSON() throws {
        var n = Self.notification(firing: [42], resolved: [7], at: 1234)
        n.alerts = [Alert(labels: Labels(["alertname": "A"]), startsAt: Timestamp(milliseconds: 5), endsAt: Timestamp(milliseconds: 9))]
        let decoded = try JSONDecoder().decode(OutboundNotification.self, from: try JSONEncoder().encode(n))
        #expect(decoded == n)
        let silence = Silence(id: "s", matchers: [try Matcher(.regexMatch, "a", "x|y")], startsAt: .init(milliseconds: 1), endsAt: .init(milliseconds: 2))
        #expect(try JSONDecoder().decode(Silence.self, from: try JSONEncoder().encode(silence)) == silence)
    }

    @Test func logExpiresAfterRetention() async {
        let log = InMemoryNotificationLog()
        let entry = NotificationLogEntry(firing: [1], resolved: [], timestamp: Timestamp(milliseconds: 1000))
        await log.record(entry, for: Self.slot, retention: PromDuration(milliseconds: 500))
        await log.garbageCollect(at: Timestamp(milliseconds: 1499))
        #expect(await log.entry(for: Self.slot) == entry)
        // Alertmanager's nflog GC deletes an entry once `!ExpiresAt.After(now)`: at its expiry.
        #expect(await log.garbageCollect(at: Timestamp(milliseconds: 1500)) == 1)
        #expect(await log.entry(for: Self.slot) == nil)
    }
}

@Suite struct OutboxContractTests {
    @Test func inMemoryOutboxConforms() async {
        #expect(await OutboxContract.violations(of: InMemoryOutbox()).isEmpty)
    }

    @Test func inMemoryLogConforms() async {
        #expect(await OutboxContract.violations(of: InMemoryNotificationLog()).isEmpty)
    }

    /// An outbox that forgets replacements: the contract must catch it.
    actor ForgetfulOutbox: Outbox {
        var items: [OutboundNotification.Slot: OutboundNotification] = [:]
        func put(_ n: OutboundNotification) { if items[n.slot] == nil { items[n.slot] = n } }
        func pending(_ slot: OutboundNotification.Slot) -> OutboundNotification? { items[slot] }
        func all() -> [OutboundNotification] { Array(items.values) }
        func remove(_ n: OutboundNotification) { items[n.slot] = nil }
    }

    @Test func contractCatchesABrokenOutbox() async {
        let failures = await OutboxContract.violations(of: ForgetfulOutbox())
        #expect(failures.contains("a newer notification replaces the slot's older one"))
    }
}

@Suite struct FileStoreContractTests {
    @Test func fileStoresConformAndPersist() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("notify-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(await OutboxContract.violations(of: FileOutbox(url: dir.appendingPathComponent("o.json"))).isEmpty)
        let logURL = dir.appendingPathComponent("l.json")
        let log = FileNotificationLog(url: logURL)
        #expect(await OutboxContract.violations(of: log).isEmpty)
        let slot = OutboundNotification.Slot(groupKey: "{}:{alertname=\"A\"}", receiver: "r", integration: "slack[0]")
        let entry = NotificationLogEntry(firing: [], resolved: [1, 2], timestamp: Timestamp(milliseconds: 5000))
        try await log.record(entry, for: slot, retention: PromDuration(seconds: 60))
        let reopened = FileNotificationLog(url: logURL)
        #expect(await reopened.entry(for: slot)?.resolved == [1, 2])
        // The expiry is persisted too.
        #expect(try await reopened.garbageCollect(at: Timestamp(milliseconds: 65_000)) == 1)
    }
}
