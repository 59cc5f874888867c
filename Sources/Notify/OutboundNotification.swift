public import Model

/// One notification for one integration of one receiver about one group: what the
/// outbox stores before sending, and what the notification log remembers after.
public struct OutboundNotification: Sendable, Hashable, Codable {
    /// Identifies the slot: at most one pending notification per (group, receiver,
    /// integration); a newer state of the group replaces an unsent older one.
    public struct Slot: Sendable, Hashable, Codable, CustomStringConvertible {
        /// The group key's string form.
        public var groupKey: String
        /// The receiver's name.
        public var receiver: String
        /// `name[index]` of the integration.
        public var integration: String

        /// Creates a slot.
        public init(groupKey: String, receiver: String, integration: String) {
            self.groupKey = groupKey
            self.receiver = receiver
            self.integration = integration
        }

        /// `receiver/integration groupKey`.
        public var description: String { "\(receiver)/\(integration) \(groupKey)" }
    }

    /// Where the notification goes and which group it reports.
    public var slot: Slot
    /// The group's key.
    public var group: GroupKey
    /// The alerts to send, in notification order, `endsAt` set only on resolved ones.
    public var alerts: [Alert]
    /// Fingerprints of the firing alerts it reports.
    public var firing: Set<UInt64>
    /// Fingerprints of the resolved alerts it reports.
    public var resolved: Set<UInt64>
    /// When the flush produced it.
    public var createdAt: Timestamp

    /// Creates a notification.
    public init(slot: Slot, group: GroupKey, alerts: [Alert], firing: Set<UInt64>, resolved: Set<UInt64>, createdAt: Timestamp) {
        self.slot = slot
        self.group = group
        self.alerts = alerts
        self.firing = firing
        self.resolved = resolved
        self.createdAt = createdAt
    }

    private enum CodingKeys: String, CodingKey { case slot, group, alerts, firing, resolved, createdAt }

    /// Decodes the stored form (times as Unix milliseconds).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        slot = try c.decode(Slot.self, forKey: .slot)
        group = try c.decode(GroupKey.self, forKey: .group)
        alerts = try c.decode([Alert].self, forKey: .alerts)
        firing = try c.decode(Set<UInt64>.self, forKey: .firing)
        resolved = try c.decode(Set<UInt64>.self, forKey: .resolved)
        createdAt = try c.decodeTimestamp(forKey: .createdAt)
    }

    /// Encodes for a durable outbox.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(slot, forKey: .slot)
        try c.encode(group, forKey: .group)
        try c.encode(alerts, forKey: .alerts)
        try c.encode(firing, forKey: .firing)
        try c.encode(resolved, forKey: .resolved)
        try c.encodeTimestamp(createdAt, forKey: .createdAt)
    }

    /// Whether two notifications report the same state (same firing and resolved sets).
    public func sameState(as other: OutboundNotification) -> Bool { firing == other.firing && resolved == other.resolved }
}

/// What was last delivered for a slot (Alertmanager's `nflogpb.Entry`).
public struct NotificationLogEntry: Sendable, Hashable, Codable {
    /// Fingerprints of the firing alerts last delivered.
    public var firing: Set<UInt64>
    /// Fingerprints of the resolved alerts last delivered.
    public var resolved: Set<UInt64>
    /// When the delivery succeeded.
    public var timestamp: Timestamp

    /// Creates an entry.
    public init(firing: Set<UInt64>, resolved: Set<UInt64>, timestamp: Timestamp) {
        self.firing = firing
        self.resolved = resolved
        self.timestamp = timestamp
    }

    private enum CodingKeys: String, CodingKey { case firing, resolved, timestamp }

    /// Decodes the stored form.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        firing = try c.decode(Set<UInt64>.self, forKey: .firing)
        resolved = try c.decode(Set<UInt64>.self, forKey: .resolved)
        timestamp = try c.decodeTimestamp(forKey: .timestamp)
    }

    /// Encodes for a durable log.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(firing, forKey: .firing)
        try c.encode(resolved, forKey: .resolved)
        try c.encodeTimestamp(timestamp, forKey: .timestamp)
    }
}
