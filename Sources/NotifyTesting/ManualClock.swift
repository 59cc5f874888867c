public import Model
public import Notify
import Synchronization

/// A `NotifyClock` that only moves when told to: `sleep(for:)` advances it at once and
/// records the wait, so retry backoff and Retry-After are asserted without sleeping.
public final class ManualClock: NotifyClock {
    private let state: Mutex<(now: Timestamp, sleeps: [Duration])>
    private let hook = Mutex<(@Sendable (Int) async -> Void)?>(nil)

    /// Runs `body` with the count of sleeps so far after every sleep (e.g. start a
    /// receiver after the third retry).
    public func onSleep(_ body: @escaping @Sendable (Int) async -> Void) { hook.withLock { $0 = body } }

    /// Starts at `start`.
    public init(start: Timestamp) { state = Mutex((start, [])) }

    /// The current manual time.
    public func now() -> Timestamp { state.withLock { $0.now } }

    /// Moves time forward by `duration`.
    public func advance(by duration: Duration) {
        state.withLock { $0.now = $0.now + PromDuration(milliseconds: Self.millis(duration)) }
    }

    /// Sets the time.
    public func set(_ t: Timestamp) { state.withLock { $0.now = t } }

    /// Every wait requested so far.
    public var sleeps: [Duration] { state.withLock { $0.sleeps } }

    /// Records the wait, advances time by it and yields.
    public func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        let count = state.withLock {
            $0.sleeps.append(duration)
            $0.now = $0.now + PromDuration(milliseconds: Self.millis(duration))
            return $0.sleeps.count
        }
        if let body = hook.withLock({ $0 }) { await body(count) }
        await Task.yield()
    }

    private static func millis(_ d: Duration) -> Int64 {
        d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000
    }
}
