import Foundation
public import Model

/// The daemon's only way to read the time or wait for it, so tests step time by hand.
public protocol DaemonClock: Sendable {
    /// The current wall-clock time.
    func now() -> Timestamp
    /// Suspends until `deadline` (returns at once if it has passed).
    /// - Throws: `CancellationError` when the task is cancelled.
    func sleep(until deadline: Timestamp) async throws
}

/// Wall-clock time (`Date`), waiting with `Task.sleep`.
public struct SystemClock: DaemonClock {
    public init() {}

    public func now() -> Timestamp {
        Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }

    public func sleep(until deadline: Timestamp) async throws {
        let wait = deadline.milliseconds - now().milliseconds
        if wait > 0 { try await Task.sleep(for: .milliseconds(wait)) }
    }
}
