public import Foundation
public import Model
public import Notify

/// A durable `Outbox` in one JSON file, rewritten atomically on every change: a test
/// stand-in for the daemon's SQLite store, for crash/restart tests across processes.
public actor FileOutbox: Outbox {
    private let url: URL
    private var slots: [OutboundNotification.Slot: OutboundNotification] = [:]

    /// Opens (or creates) the outbox at `url`.
    public init(url: URL) {
        self.url = url
        if let data = try? Data(contentsOf: url),
           let stored = try? JSONDecoder().decode([OutboundNotification].self, from: data) {
            for n in stored { slots[n.slot] = n }
        }
    }

    /// Stores or replaces, then syncs the file.
    public func put(_ notification: OutboundNotification) throws(NotifyError) {
        slots[notification.slot] = notification
        try save()
    }
    /// The slot's pending notification.
    public func pending(_ slot: OutboundNotification.Slot) -> OutboundNotification? { slots[slot] }
    /// Everything pending.
    public func all() -> [OutboundNotification] { slots.values.sorted { $0.createdAt < $1.createdAt } }
    /// Removes the notification when the slot still holds its state, then syncs the file.
    public func remove(_ notification: OutboundNotification) throws(NotifyError) {
        guard let current = slots[notification.slot], current.sameState(as: notification) else { return }
        slots[notification.slot] = nil
        try save()
    }

    private func save() throws(NotifyError) {
        do {
            try JSONEncoder().encode(Array(slots.values)).write(to: url, options: .atomic)
        } catch {
            throw NotifyError(kind: .request, message: "cannot write outbox \(url.lastPathComponent): \(error)")
        }
    }
}

/// A durable `NotificationLog` in one JSON file (test stand-in for the daemon's store).
public actor FileNotificationLog: NotificationLog {
    private struct Row: Codable {
        var slot: OutboundNotification.Slot
        var entry: NotificationLogEntry
        /// Unix milliseconds after which the entry may be collected.
        var expires: Int64
    }
    private let url: URL
    private var entries: [OutboundNotification.Slot: NotificationLogEntry] = [:]
    private var expiries: [OutboundNotification.Slot: Int64] = [:]

    /// Opens (or creates) the log at `url`.
    public init(url: URL) {
        self.url = url
        if let data = try? Data(contentsOf: url), let rows = try? JSONDecoder().decode([Row].self, from: data) {
            for row in rows {
                entries[row.slot] = row.entry
                expiries[row.slot] = row.expires
            }
        }
    }

    /// The slot's last delivery.
    public func entry(for slot: OutboundNotification.Slot) -> NotificationLogEntry? { entries[slot] }

    /// Records a delivery, expiring at `entry.timestamp + retention`, and syncs the file.
    public func record(
        _ entry: NotificationLogEntry, for slot: OutboundNotification.Slot, retention: PromDuration
    ) throws(NotifyError) {
        entries[slot] = entry
        expiries[slot] = entry.timestamp.milliseconds + retention.milliseconds
        try save()
    }

    /// Drops entries whose expiry is at or before `now`, as Alertmanager's nflog GC.
    @discardableResult
    public func garbageCollect(at now: Timestamp) throws(NotifyError) -> Int {
        let expired = expiries.filter { $0.value <= now.milliseconds }.map(\.key)
        for slot in expired {
            entries[slot] = nil
            expiries[slot] = nil
        }
        if !expired.isEmpty { try save() }
        return expired.count
    }

    private func save() throws(NotifyError) {
        let rows = entries.map { Row(slot: $0.key, entry: $0.value, expires: expiries[$0.key] ?? .max) }
        do {
            try JSONEncoder().encode(rows).write(to: url, options: .atomic)
        } catch {
            throw NotifyError(kind: .request, message: "cannot write log \(url.lastPathComponent): \(error)")
        }
    }
}
