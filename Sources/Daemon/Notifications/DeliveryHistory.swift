public import Model
public import Notify
import Synchronization

/// The last deliveries and failed attempts, oldest first, for the `/notifications` page. The
/// notification log keeps each slot's last delivery and the outbox what is pending; this
/// keeps what happened in between (each attempt's outcome and error) since the daemon
/// started, bounded so a receiver failing for days cannot grow it.
public final class DeliveryHistory: Sendable {
    /// One delivery or failed attempt.
    public struct Record: Sendable {
        public var at: Timestamp
        public var slot: OutboundNotification.Slot
        /// Why the attempt failed (as logged, secrets already out); nil when delivered.
        public var error: String?
        /// Attempts it took, when delivered.
        public var attempts: Int?
        /// Whether the queue tries again after this failure.
        public var willRetry: Bool
    }

    /// How many records are kept.
    public static let capacity = 500
    private let records = Mutex<[Record]>([])

    public init() {}

    /// Adds a record, dropping the oldest beyond `capacity`.
    func add(_ record: Record) {
        records.withLock { list in
            list.append(record)
            if list.count > Self.capacity { list.removeFirst(list.count - Self.capacity) }
        }
    }

    /// Every record kept, oldest first.
    public func recent() -> [Record] { records.withLock { $0 } }

    /// Records a delivery queue event at `now`.
    func record(_ event: DeliveryQueue.Event, at now: Timestamp) {
        switch event {
        case .delivered(let slot, let attempts):
            add(Record(at: now, slot: slot, error: nil, attempts: attempts, willRetry: false))
        case .failed(let slot, let error, let willRetry):
            add(Record(at: now, slot: slot, error: "\(error)", attempts: nil, willRetry: willRetry))
        }
    }
}
