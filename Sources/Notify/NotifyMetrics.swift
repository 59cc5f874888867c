import Synchronization

/// Self-metric counters as plain values the daemon exports:
/// `binwatch_notifications_total{integration,receiver}`,
/// `binwatch_notifications_failed_total{integration,receiver,reason}`,
/// `binwatch_notification_latency_seconds` (histogram),
/// `binwatch_notification_outbox_depth` and
/// `binwatch_notifications_time_muted_total{receiver,reason}`.
public final class NotifyMetrics: Sendable {
    /// A point-in-time copy of every value.
    public struct Snapshot: Sendable, Hashable {
        /// OutboundNotification attempts by (integration, receiver).
        public var notificationsTotal: [Key: Int] = [:]
        /// Failed attempts by (integration, receiver, reason).
        public var failedTotal: [FailureKey: Int] = [:]
        /// Cumulative latency histogram bucket counts by upper bound (seconds).
        public var latencyBuckets: [Double: Int] = [:]
        /// Sum of observed latencies, seconds.
        public var latencySum: Double = 0
        /// Number of observed latencies.
        public var latencyCount = 0
        /// Notifications waiting in the outbox.
        public var outboxDepth = 0
        /// Group flushes that sent nothing because of a time interval, by (receiver, reason).
        public var timeMutedTotal: [TimeMuteKey: Int] = [:]
    }

    /// Why a route sent nothing at a flush: the reason label values later Alertmanagers
    /// (0.27's `alertmanager_notifications_suppressed_total`) use; 0.25 counts nothing.
    public enum TimeMuteReason: String, Sendable, Hashable {
        /// Inside one of the route's `mute_time_intervals`.
        case muteTimeInterval = "mute_time_interval"
        /// Outside every one of the route's `active_time_intervals`.
        case activeTimeInterval = "active_time_interval"
    }

    /// `{receiver, reason}`.
    public struct TimeMuteKey: Sendable, Hashable {
        /// The route's receiver.
        public var receiver: String
        /// Why it was muted.
        public var reason: TimeMuteReason

        /// Creates a key.
        public init(receiver: String, reason: TimeMuteReason) {
            self.receiver = receiver
            self.reason = reason
        }
    }

    /// `{integration, receiver}`.
    public struct Key: Sendable, Hashable {
        /// `slack`, `pagerduty`, `webhook`, `alertmanager`.
        public var integration: String
        /// The receiver's name.
        public var receiver: String

        /// Creates a key.
        public init(integration: String, receiver: String) {
            self.integration = integration
            self.receiver = receiver
        }
    }

    /// `{integration, receiver, reason}`.
    public struct FailureKey: Sendable, Hashable {
        /// The integration's name.
        public var integration: String
        /// The receiver's name.
        public var receiver: String
        /// `clientError`, `serverError`, `transport`, `other`.
        public var reason: String

        /// Creates a key.
        public init(integration: String, receiver: String, reason: String) {
            self.integration = integration
            self.receiver = receiver
            self.reason = reason
        }
    }

    /// Alertmanager's latency buckets.
    public static let latencyBounds: [Double] = [0.01, 0.1, 1, 10]

    private let state = Mutex(Snapshot())

    /// Creates zeroed metrics.
    public init() {}

    /// The current values.
    public func snapshot() -> Snapshot { state.withLock { $0 } }

    func attempted(integration: String, receiver: String) {
        state.withLock { $0.notificationsTotal[Key(integration: integration, receiver: receiver), default: 0] += 1 }
    }

    func failed(integration: String, receiver: String, reason: String) {
        state.withLock {
            $0.failedTotal[FailureKey(integration: integration, receiver: receiver, reason: reason), default: 0] += 1
        }
    }

    func observeLatency(seconds: Double) {
        state.withLock { s in
            for bound in Self.latencyBounds where seconds <= bound { s.latencyBuckets[bound, default: 0] += 1 }
            s.latencySum += seconds
            s.latencyCount += 1
        }
    }

    func timeMuted(receiver: String, reason: TimeMuteReason) {
        state.withLock { $0.timeMutedTotal[TimeMuteKey(receiver: receiver, reason: reason), default: 0] += 1 }
    }

    func setOutboxDepth(_ depth: Int) { state.withLock { $0.outboxDepth = depth } }
}
