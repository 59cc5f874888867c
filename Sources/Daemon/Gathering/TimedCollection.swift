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

    /// - Parameters:
    ///   - finished: called when the source's task ends (also after a timeout), so the caller
    ///     can start it again next cycle.
    static func collect(
        _ source: any Source, at timestamp: Timestamp, timeout: Duration, clock: any Clock<Duration>,
        finished: @escaping @Sendable () async -> Void
    ) async -> CollectionOutcome {
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
            Task {
                try? await clock.sleep(for: timeout)
                if once.claim() {
                    continuation.resume(returning: .timedOut)
                    work.cancel()
                }
            }
        }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
