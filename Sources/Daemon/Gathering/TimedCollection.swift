public import Collectors
public import Exposition
public import Model
import Synchronization

/// What one source gave in one cycle.
public enum CollectionOutcome: Sendable {
    /// It answered; the collection's `problems` say what it could not gather (see `Source.gather`).
    case collected(SourceCollection, seconds: Double)
    case failed(String, seconds: Double)
    /// It did not answer within the timeout; its task is left to finish on its own.
    case timedOut
    /// Its previous collection was still running, so it was not started again.
    case stillRunning
}

/// Runs `source.collect` in its own task and stops waiting after `timeout`, so a source
/// that hangs (a blocked libpq call ignores cancellation) never holds up the cycle; the
/// abandoned task is cancelled and finishes when the source lets it.
///
/// Cancelling the caller (graceful shutdown) cancels the source's task, which cancels its
/// query (libpq's `PQcancel`), and waits at most `shutdownGrace` more for what the source
/// returns once cancelled, so a shutdown never waits for a slow query.
enum TimedCollection {
    /// How long a cancelled collection may take to hand back what it has.
    static let shutdownGrace = Duration.seconds(1)

    /// One collection's continuation and task; whoever finishes first resumes the caller.
    private final class Pending: Sendable {
        private struct State {
            var continuation: CheckedContinuation<CollectionOutcome, Never>?
            var task: Task<Void, Never>?
            /// The timeout and shutdown-grace sleepers; cancelled once the caller is resumed, so
            /// a source that answers in time leaves no task sleeping out its timeout.
            var timers: [Task<Void, Never>] = []
            var cancelled = false
            var resumed = false
        }
        private let state = Mutex(State())

        /// Resumes the caller with `outcome` unless someone already did.
        /// - Returns: whether this call resumed it.
        @discardableResult
        func finish(_ outcome: CollectionOutcome) -> Bool {
            let timers: [Task<Void, Never>]? = state.withLock { state in
                guard !state.resumed, let continuation = state.continuation else { return nil }
                state.resumed = true
                continuation.resume(returning: outcome)
                defer { state.timers = [] }
                return state.timers
            }
            timers?.forEach { $0.cancel() }
            return timers != nil
        }

        /// Keeps a timer to cancel on `finish`; one added after that is cancelled at once.
        func addTimer(_ timer: Task<Void, Never>) {
            let resumed = state.withLock { state in
                if !state.resumed { state.timers.append(timer) }
                return state.resumed
            }
            if resumed { timer.cancel() }
        }

        /// Records the continuation, before the task exists: a source that answers at once
        /// must find it there (otherwise its outcome would be lost and the cycle would wait
        /// for the timeout).
        /// - Returns: whether the caller was cancelled already.
        func begin(_ continuation: CheckedContinuation<CollectionOutcome, Never>) -> Bool {
            state.withLock { state in
                state.continuation = continuation
                return state.cancelled
            }
        }

        /// Records the task; a cancellation that came first reaches it now.
        func attach(_ task: Task<Void, Never>) {
            state.withLock { state in
                state.task = task
                if state.cancelled { task.cancel() }
            }
        }

        func cancel() {
            let task = state.withLock { state in
                state.cancelled = true
                return state.task
            }
            task?.cancel()
        }
    }

    /// - Parameters:
    ///   - finished: called when the source's task ends (also after a timeout), so the caller
    ///     can start it again next cycle.
    static func collect(
        _ source: any Source, at timestamp: Timestamp, timeout: Duration, clock: any Clock<Duration>,
        finished: @escaping @Sendable () async -> Void
    ) async -> CollectionOutcome {
        let pending = Pending()
        let giveUp: @Sendable (Duration, CollectionOutcome) -> Void = { delay, outcome in
            pending.addTimer(Task {
                guard (try? await clock.sleep(for: delay)) != nil else { return }
                if pending.finish(outcome) { pending.cancel() }
            })
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<CollectionOutcome, Never>) in
                let cancelledAlready = pending.begin(continuation)
                let work = Task {
                    let start = ContinuousClock.now
                    let outcome: CollectionOutcome
                    do {
                        let collection = try await source.gather(at: timestamp)
                        outcome = .collected(collection, seconds: Self.seconds(since: start))
                    } catch {
                        outcome = .failed("\(error)", seconds: Self.seconds(since: start))
                    }
                    // Marked done before the caller resumes: a cycle that follows at once
                    // must not find this source still running.
                    await finished()
                    pending.finish(outcome)
                }
                pending.attach(work)
                giveUp(timeout, .timedOut)
                if cancelledAlready {
                    giveUp(shutdownGrace, .failed("shut down before the source answered", seconds: 0))
                }
            }
        } onCancel: {
            pending.cancel()
            giveUp(shutdownGrace, .failed("shut down before the source answered", seconds: 0))
        }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
