public import Model
import Foundation

/// Wall-clock time for the dispatcher and delivery, injected so tests step time by hand.
public protocol NotifyClock: Sendable {
    /// The current time.
    func now() -> Timestamp
    /// Waits `duration` (a test clock may return at once after advancing itself).
    /// - Throws: `CancellationError` when the task is cancelled.
    func sleep(for duration: Duration) async throws
}

/// The system clock: `Date()` and `Task.sleep`.
public struct SystemNotifyClock: NotifyClock {
    /// Creates the system clock.
    public init() {}
    /// Milliseconds since the epoch from `Date()`.
    public func now() -> Timestamp { Timestamp(seconds: Date().timeIntervalSince1970) }
    /// `Task.sleep(for:)`.
    public func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration) }
}

extension Duration {
    /// Whole milliseconds (rounded down).
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}

extension PromDuration {
    /// The same length as a Swift `Duration`.
    var duration: Duration { .milliseconds(milliseconds) }
}
