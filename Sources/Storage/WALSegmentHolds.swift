import Synchronization

/// The oldest segment each WAL reader (a remote-write queue) still needs, so that a checkpoint
/// does not delete segments a reader has not sent yet. Readers update their hold as they move
/// on; the writer's checkpoint reads the minimum. Thread-safe: readers run off the writer's actor.
public final class WALSegmentHolds: Sendable {
    private let holds = Mutex<[String: Int]>([:])

    public init() {}

    /// Sets `reader`'s oldest needed segment.
    public func hold(_ reader: String, segment: Int) {
        holds.withLock { $0[reader] = segment }
    }

    /// Drops `reader`'s hold (the reader was removed).
    public func release(_ reader: String) {
        _ = holds.withLock { $0.removeValue(forKey: reader) }
    }

    /// The oldest segment any reader needs; nil when none holds one.
    public var oldestHeld: Int? {
        holds.withLock { $0.values.min() }
    }
}
