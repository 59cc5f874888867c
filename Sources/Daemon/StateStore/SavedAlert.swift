public import Model
public import Rules

/// An alert as the state store keeps it: which group and rule it belongs to, and its
/// whole timeline, so a restart can put it back.
public struct SavedAlert: Sendable, Equatable {
    /// `file;group` (the group's identity across reloads and restarts).
    public var groupKey: String
    public var rule: String
    public var alert: Alert

    public init(groupKey: String, rule: String, alert: Alert) {
        self.groupKey = groupKey
        self.rule = rule
        self.alert = alert
    }
}

/// What the store held at start-up.
public struct StateSnapshot: Sendable, Equatable {
    public var alerts: [SavedAlert]
    /// When the previous process last wrote (Prometheus's "down at"); nil for a new file.
    public var writtenAt: Timestamp?

    public init(alerts: [SavedAlert] = [], writtenAt: Timestamp? = nil) {
        self.alerts = alerts
        self.writtenAt = writtenAt
    }
}
