public import Model

/// The alerts of one route that share group labels, and the group's flush timer
/// (Alertmanager's `aggrGroup`). A value type: the `Dispatcher` owns every group.
public struct AggregationGroup: Sendable {
    /// The route the group belongs to.
    public let route: Route
    /// The group's key.
    public let key: GroupKey
    /// Alerts by fingerprint, with a version bumped on every insert.
    private(set) var alerts: [UInt64: (alert: Alert, version: UInt64)] = [:]
    /// When the group flushes next.
    public private(set) var nextFlush: Timestamp
    /// Whether the group has flushed at least once.
    public private(set) var hasFlushed = false
    private var versionCounter: UInt64 = 0

    /// A new group, first flushing after `group_wait`.
    init(route: Route, key: GroupKey, createdAt now: Timestamp) {
        self.route = route
        self.key = key
        self.nextFlush = now + route.options.groupWait
    }

    /// The number of alerts held.
    public var count: Int { alerts.count }

    /// Adds or replaces an alert. A group that has not flushed yet flushes at once when
    /// the alert started more than `group_wait` ago (e.g. after a restart).
    mutating func insert(_ alert: Alert, now: Timestamp) {
        versionCounter &+= 1
        alerts[alert.fingerprint] = (alert, versionCounter)
        if !hasFlushed && alert.startsAt + route.options.groupWait < now {
            nextFlush = min(nextFlush, now)
        }
    }

    /// A flush's view: alerts in notification order with `endsAt` cleared unless resolved
    /// at `now` ("alerts don't resolve as time moves forward"), plus their versions.
    func snapshot(at now: Timestamp) -> [(alert: Alert, version: UInt64)] {
        alerts.values.map { entry in
            var alert = entry.alert
            if !alert.isResolved(at: now) { alert.endsAt = nil }
            return (alert, entry.version)
        }
        .sorted { Alert.notificationOrder($0.alert, $1.alert) }
    }

    /// Starts a flush: the next one is due a `group_interval` later (reset before the
    /// flush, as Alertmanager does).
    mutating func beginFlush(at now: Timestamp) {
        nextFlush = now + route.options.groupInterval
        hasFlushed = true
    }

    /// Removes resolved alerts that were reported, unless re-inserted since.
    mutating func removeResolved(_ reported: [(alert: Alert, version: UInt64)]) {
        for entry in reported where entry.alert.endsAt != nil {
            if alerts[entry.alert.fingerprint]?.version == entry.version {
                alerts[entry.alert.fingerprint] = nil
            }
        }
    }
}
