import GRDB
import Model
public import Notify

/// Notify's `Outbox` in the state file: a notification is in `notify_outbox` from before its
/// first attempt until a 2xx (or a non-retryable failure), so a restart resumes it.
public struct SQLiteOutbox: Outbox {
    let database: NotifyStateDatabase

    /// The firing and resolved sets as canonical text: two notifications report the same
    /// state exactly when these are equal (`OutboundNotification.sameState`).
    static func stateKey(_ n: OutboundNotification) -> String {
        n.firing.sorted().map(String.init).joined(separator: ",") + "|" + n.resolved.sorted().map(String.init).joined(separator: ",")
    }

    /// Stores `notification` in its slot, replacing an older pending one.
    public func put(_ notification: OutboundNotification) throws(NotifyError) {
        try database.write("outbox put") { db in
            try db.execute(
                sql: """
                    INSERT INTO notify_outbox (group_key, receiver, integration, state, notification, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (group_key, receiver, integration) DO UPDATE SET
                        state = excluded.state, notification = excluded.notification, created_at = excluded.created_at
                    """,
                arguments: [
                    notification.slot.groupKey, notification.slot.receiver, notification.slot.integration,
                    Self.stateKey(notification), try NotifyStateDatabase.encode(notification), notification.createdAt.milliseconds,
                ])
        }
    }

    /// The slot's pending notification.
    public func pending(_ slot: OutboundNotification.Slot) -> OutboundNotification? {
        database.read("outbox read", fallback: nil) { db in
            try String.fetchOne(
                db, sql: "SELECT notification FROM notify_outbox WHERE group_key = ? AND receiver = ? AND integration = ?",
                arguments: [slot.groupKey, slot.receiver, slot.integration]
            ).map { try NotifyStateDatabase.decode(OutboundNotification.self, $0) }
        }
    }

    /// Every pending notification, oldest first.
    public func all() -> [OutboundNotification] {
        database.read("outbox read", fallback: []) { db in
            try String.fetchAll(db, sql: "SELECT notification FROM notify_outbox ORDER BY created_at, group_key, receiver, integration")
                .map { try NotifyStateDatabase.decode(OutboundNotification.self, $0) }
        }
    }

    /// Removes `notification` if its slot still holds that state.
    public func remove(_ notification: OutboundNotification) throws(NotifyError) {
        try database.write("outbox remove") { db in
            try db.execute(
                sql: "DELETE FROM notify_outbox WHERE group_key = ? AND receiver = ? AND integration = ? AND state = ?",
                arguments: [
                    notification.slot.groupKey, notification.slot.receiver, notification.slot.integration,
                    Self.stateKey(notification),
                ])
        }
    }

    /// How many notifications are pending.
    public func depth() -> Int {
        database.read("outbox depth", fallback: 0) { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM notify_outbox") ?? 0 }
    }
}
