public import Collectors
public import Exposition
public import Model
import Synchronization

/// What one source gave in one cycle.
public enum CollectionOutcome: Sendable {
    case collected([MetricFamily], seconds: Double)
    case failed(String, seconds: Double)
    /// It did not answer within the timeout; its task is left to finish on its own.
    case timedOut
    /// Its previous collection was still running, so it was not started again.
    case stillRunning
}

/// Runs `source.collect` in its own task and stops waiting after `timeout`, so a source
/// that hangs (a blocked libpq call ignores cancellation) never holds up the cycle; the
/// abandoned task is cancelled and finishes when the source lets it.
enum TimedCollection {
    /// Whoever claims first resumes the continuation.
    private final class Once: Sendable {
        private let claimed = Mutex(false)
        func claim() -> Bool {
            claimed.withLock { done in
                if done { return false }
                done = true
                return true
            }
        }
    }

    /// The collection task, so a cancellation of the caller (SIGTERM) can reach it.
    private final class WorkHandle: Sendable {
        private let task = Mutex<Task<Void, Never>?>(nil)
        private let cancelled = Mutex(false)
        func set(_ work: Task<Void, Never>) {
            task.withLock { $0 = work }
            if cancelled.withLock({ $0 }) { work.cancel() }
        }
        func cancel() {
            cancelled.withLock { $0 = true }
            task.withLock { $0 }?.cancel()
        }
    }

    /// - Parameters:
    ///   - finished: called when the source's task ends (also after a timeout), so the caller
    ///     can start it again next cycle.
    ///
    /// Cancelling the caller (graceful shutdown) cancels the source's task, which cancels its
    /// query (libpq's `PQcancel`), so a shutdown never waits for a slow query; the outcome is
    /// whatever the source returns once cancelled.
    static func collect(
        _ source: any Source, at timestamp: Timestamp, timeout: Duration, clock: any Clock<Duration>,
        finished: @escaping @Sendable () async -> Void
    ) async -> CollectionOutcome {
        let handle = WorkHandle()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<CollectionOutcome, Never>) in
                let once = Once()
                let work = Task {
                    let start = ContinuousClock.now
                    let outcome: CollectionOutcome
                    do {
                        let families = try await source.collect(at: timestamp)
                        outcome = .collected(families, seconds: Self.seconds(since: start))
                    } catch {
                        outcome = .failed("\(error)", seconds: Self.seconds(since: start))
                    }
                    if once.claim() { continuation.resume(returning: outcome) }
                    await finished()
                }
                handle.set(work)
                Task {
                    try? await clock.sleep(for: timeout)
                    if once.claim() {
                        continuation.resume(returning: .timedOut)
                        work.cancel()
                    }
                }
            }
        } onCancel: {
            handle.cancel()
        }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
