import Daemon
import Model
import Notify
import Synchronization

/// Simulated time shared by the scheduler and Notify: the harness sets it each cycle, so
/// group_wait, group_interval, repeat_interval, resolve timeouts and retention all elapse in
/// simulated time, 100k cycles of 15 s (17 days) in minutes.
///
/// Unlike NotifyTesting's ManualClock it keeps no history of waits (that list would grow by
/// one entry a sleep and show up as a leak of the harness, not of binwatch).
final class SimulatedClock: DaemonClock, NotifyClock {
    private let current: Mutex<Timestamp>
    /// Sleeps requested (delivery backoff): counted, not stored.
    private let sleepCount = Mutex(0)

    init(_ start: Timestamp) { current = Mutex(start) }

    func now() -> Timestamp { current.withLock { $0 } }

    func set(_ time: Timestamp) { current.withLock { $0 = time } }

    var sleeps: Int { sleepCount.withLock { $0 } }

    /// The scheduler's wait: the harness drives `runDue(at:)` itself, so this only checks
    /// cancellation and returns (the simulated time is whatever the harness set).
    func sleep(until deadline: Timestamp) async throws {
        try Task.checkCancellation()
    }

    /// Notify's wait (delivery backoff after a failed attempt): compressed to a 1 ms real
    /// wait so a transient receiver failure is retried without the harness stepping time;
    /// counted so the report shows whether any retry happened.
    func sleep(for duration: Duration) async throws {
        sleepCount.withLock { $0 += 1 }
        try await Task.sleep(for: .milliseconds(1))
    }
}
