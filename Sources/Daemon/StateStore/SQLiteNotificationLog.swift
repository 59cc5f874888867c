import GRDB
public import Model
public import Notify

/// Notify's `NotificationLog` in the state file: what was delivered per slot, so neither a
/// repeated flush nor a restart resends it before repeat_interval.
public struct SQLiteNotificationLog: NotificationLog {
    let database: NotifyStateDatabase

    /// The slot's last delivery (expired entries are dropped by `garbageCollect`, not here:
    /// the dispatcher compares timestamps itself, as Alertmanager's does).
    public func entry(for slot: OutboundNotification.Slot) -> NotificationLogEntry? {
        database.read("notification log read", fallback: nil) { db in
            try String.fetchOne(
                db, sql: "SELECT entry FROM notify_log WHERE group_key = ? AND receiver = ? AND integration = ?",
                arguments: [slot.groupKey, slot.receiver, slot.integration]
            ).map { try NotifyStateDatabase.decode(NotificationLogEntry.self, $0) }
        }
    }

    /// Every slot's last delivery, the most recent first (the `/notifications` page).
    public func all() -> [(slot: OutboundNotification.Slot, entry: NotificationLogEntry)] {
        database.read("notification log read", fallback: []) { db in
            try Row.fetchAll(
                db, sql: "SELECT group_key, receiver, integration, entry FROM notify_log ORDER BY delivered_at DESC"
            ).map { row in
                let slot = OutboundNotification.Slot(
                    groupKey: row["group_key"], receiver: row["receiver"], integration: row["integration"])
                return (slot, try NotifyStateDatabase.decode(NotificationLogEntry.self, row["entry"]))
            }
        }
    }

    /// Records a delivery, kept until `entry.timestamp + retention`.
    public func record(
        _ entry: NotificationLogEntry, for slot: OutboundNotification.Slot, retention: PromDuration
    ) throws(NotifyError) {
        try database.write("notification log record") { db in
            try db.execute(
                sql: """
                    INSERT INTO notify_log (group_key, receiver, integration, entry, delivered_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (group_key, receiver, integration) DO UPDATE SET
                        entry = excluded.entry, delivered_at = excluded.delivered_at, expires_at = excluded.expires_at
                    """,
                arguments: [
                    slot.groupKey, slot.receiver, slot.integration, try NotifyStateDatabase.encode(entry),
                    entry.timestamp.milliseconds, entry.timestamp.milliseconds + retention.milliseconds,
                ])
        }
    }

    /// Drops entries whose expiry is at or before `now` (Alertmanager's nflog GC deletes at `<=`).
    /// - Returns: how many were dropped.
    @discardableResult
    public func garbageCollect(at now: Timestamp) throws(NotifyError) -> Int {
        try database.write("notification log gc") { db in
            try db.execute(sql: "DELETE FROM notify_log WHERE expires_at <= ?", arguments: [now.milliseconds])
            return db.changesCount
        }
    }
}
