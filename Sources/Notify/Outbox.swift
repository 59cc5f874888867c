public import Model

/// Durable queue of notifications not yet delivered: a notification is written before it
/// is sent and removed only after a 2xx (or a non-retryable failure). The daemon
/// implements it in SQLite; `InMemoryOutbox` serves tests and one-shot runs.
public protocol Outbox: Sendable {
    /// Stores `notification` in its slot, replacing an older pending one.
    func put(_ notification: OutboundNotification) async throws(NotifyError)
    /// The pending notification of `slot`, if any.
    func pending(_ slot: OutboundNotification.Slot) async -> OutboundNotification?
    /// Every pending notification (read at start-up to resume delivery).
    func all() async -> [OutboundNotification]
    /// Removes `notification` if the slot still holds that same state (a newer state
    /// written meanwhile stays).
    func remove(_ notification: OutboundNotification) async throws(NotifyError)
}

/// Remembers what was delivered per slot, so a restart or a repeated flush does not
/// resend it (Alertmanager's `NotificationLog`).
public protocol NotificationLog: Sendable {
    /// The last delivery for `slot`.
    func entry(for slot: OutboundNotification.Slot) async -> NotificationLogEntry?
    /// Records a delivery; entries expire after `retention`.
    func record(_ entry: NotificationLogEntry, for slot: OutboundNotification.Slot, retention: PromDuration) async throws(NotifyError)
    /// Deletes the entries whose expiry is at or before `now` (Alertmanager's nflog `GC`,
    /// run by its maintenance loop); returns how many went.
    @discardableResult
    func garbageCollect(at now: Timestamp) async throws(NotifyError) -> Int
}

/// An outbox in memory (lost on exit).
public actor InMemoryOutbox: Outbox {
    private var slots: [OutboundNotification.Slot: OutboundNotification] = [:]

    /// Creates an empty outbox.
    public init() {}

    /// Stores or replaces the slot's notification.
    public func put(_ notification: OutboundNotification) { slots[notification.slot] = notification }
    /// The slot's pending notification.
    public func pending(_ slot: OutboundNotification.Slot) -> OutboundNotification? { slots[slot] }
    /// All pending notifications, oldest first.
    public func all() -> [OutboundNotification] { slots.values.sorted { $0.createdAt < $1.createdAt } }
    /// Removes the notification when its slot still holds the same state.
    public func remove(_ notification: OutboundNotification) {
        if let current = slots[notification.slot], current.sameState(as: notification) {
            slots[notification.slot] = nil
        }
    }
    /// How many notifications are pending.
    public var depth: Int { slots.count }
}

/// A notification log in memory.
public actor InMemoryNotificationLog: NotificationLog {
    private var entries: [OutboundNotification.Slot: (NotificationLogEntry, expires: Timestamp)] = [:]

    /// Creates an empty log.
    public init() {}

    /// The entry for `slot`, ignoring expiry (the dispatcher compares timestamps itself).
    public func entry(for slot: OutboundNotification.Slot) -> NotificationLogEntry? { entries[slot]?.0 }

    /// Records `entry`, expiring at `entry.timestamp + retention`.
    public func record(_ entry: NotificationLogEntry, for slot: OutboundNotification.Slot, retention: PromDuration) {
        entries[slot] = (entry, entry.timestamp + retention)
    }

    /// Drops entries whose expiry is at or before `now` (`!ExpiresAt.After(now)`).
    @discardableResult
    public func garbageCollect(at now: Timestamp) -> Int {
        let before = entries.count
        entries = entries.filter { $0.value.expires > now }
        return before - entries.count
    }

    /// How many entries the log holds.
    public var count: Int { entries.count }
}
