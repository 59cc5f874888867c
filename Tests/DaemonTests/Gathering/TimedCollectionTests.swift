import Collectors
@testable import Daemon
import Dispatch
import Exposition
import Foundation
import Model
import Synchronization
import Testing
import TestSupport

/// Shutdown (the caller's task cancelled) never waits for a slow source: a source that
/// honours cancellation returns at once; one that ignores it is given up after the grace.
@Suite struct TimedCollectionTests {
    /// Answers after 1200 s whatever happens (as a libpq call blocked in connect would).
    struct DeafSource: Source {
        let name = "deaf"
        func collect(at timestamp: Timestamp) async throws -> [MetricFamily] {
            await withCheckedContinuation { continuation in
                DispatchQueue.global().asyncAfter(deadline: .now() + 1200) { continuation.resume() }
            }
            return []
        }
    }

    /// Sleeps 1200 s unless cancelled.
    struct PoliteSource: Source {
        let name = "polite"
        func collect(at timestamp: Timestamp) async throws -> [MetricFamily] {
            try await Task.sleep(for: .seconds(1200))
            return []
        }
    }

    func collectThenCancel(_ source: any Source) async -> (CollectionOutcome, Duration) {
        let task = Task {
            await TimedCollection.collect(source, at: t0, timeout: .seconds(900), clock: ContinuousClock()) {}
        }
        try? await Task.sleep(for: .milliseconds(100))
        let cancelled = ContinuousClock.now
        task.cancel()
        let outcome = await task.value
        return (outcome, ContinuousClock.now - cancelled)
    }

    @Test func aSourceThatIgnoresCancellationIsGivenUpAfterTheGrace() async {
        let (outcome, waited) = await collectThenCancel(DeafSource())
        guard case .failed(let message, _) = outcome else {
            Issue.record("expected .failed, got \(outcome)")
            return
        }
        #expect(message == "shut down before the source answered")
        #expect(waited >= TimedCollection.shutdownGrace)
        // Far less than the timeout's 900 s and the source's 1200 s: the grace ended the wait
        // (a third of the timeout leaves a loaded machine all the room it needs).
        #expect(waited < .seconds(300), "waited \(waited) of the source's 1200 s")
    }

    @Test func aSourceThatHonoursCancellationReturnsItsOwnOutcome() async {
        let (outcome, waited) = await collectThenCancel(PoliteSource())
        guard case .failed(let message, _) = outcome else {
            Issue.record("expected .failed, got \(outcome)")
            return
        }
        #expect(message.contains("CancellationError"))
        #expect(waited < .seconds(300))
    }

    /// Answers at once, without suspending.
    struct InstantSource: Source {
        let name = "instant"
        func collect(at timestamp: Timestamp) async throws -> [MetricFamily] {
            [MetricFamily(name: "x", help: "x", type: .gauge, samples: [MetricSample(name: "x", labels: Labels(), value: 1)])]
        }
    }

    /// A source that answers before the caller has finished setting up must still be
    /// heard (the benchmark caught one such answer lost in 1000 cycles, waiting for the
    /// timeout instead).
    @Test func anInstantAnswerIsNeverLost() async {
        for _ in 0..<500 {
            let outcome = await TimedCollection.collect(InstantSource(), at: t0, timeout: .seconds(600), clock: ContinuousClock()) {}
            guard case .collected(let collection, _) = outcome else {
                Issue.record("expected .collected, got \(outcome)")
                return
            }
            #expect(collection.families.first?.samples.first?.value == 1)
        }
        // A lost answer would have ended in the timeout's .timedOut, which the guard above
        // reports; how long each took is the machine's business.
    }

    @Test func cancelledBeforeStartingIsGivenUpToo() async {
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await TimedCollection.collect(DeafSource(), at: t0, timeout: .seconds(900), clock: ContinuousClock()) {}
        }
        let started = ContinuousClock.now
        guard case .failed = await task.value else {
            Issue.record("expected .failed")
            return
        }
        #expect(ContinuousClock.now - started < .seconds(300))  // not the timeout's 900 s
    }

    /// The soak found cycles run back to back seeing a source as still running: the caller
    /// was resumed before the source was marked done.
    @Test func theSourceIsMarkedDoneBeforeTheCallerResumes() async {
        for _ in 0..<20 {
            let done = Flag()
            _ = await TimedCollection.collect(InstantSource(), at: t0, timeout: .seconds(30), clock: ContinuousClock()) {
                // As the scheduler's actor hop does: the marking takes a suspension.
                try? await Task.sleep(for: .milliseconds(5))
                done.value.store(true, ordering: .sequentiallyConsistent)
            }
            let marked = done.value.load(ordering: .sequentiallyConsistent)
            #expect(marked)
        }
    }

    final class Flag: Sendable {
        let value = Atomic(false)
    }

    /// A ContinuousClock that counts the sleeps in progress.
    final class CountingClock: Clock, Sendable {
        let base = ContinuousClock()
        let sleeping = Atomic(0)
        var now: ContinuousClock.Instant { base.now }
        var minimumResolution: Duration { base.minimumResolution }
        func sleep(until deadline: ContinuousClock.Instant, tolerance: Duration?) async throws {
            sleeping.add(1, ordering: .sequentiallyConsistent)
            defer { sleeping.subtract(1, ordering: .sequentiallyConsistent) }
            try await base.sleep(until: deadline, tolerance: tolerance)
        }
    }

    /// A source that answers in time leaves no timer sleeping out its timeout (at 100
    /// cycles a second, 10 s timers would pile up by the thousand).
    @Test func anAnsweredCollectionCancelsItsTimeoutTimer() async throws {
        let clock = CountingClock()
        for _ in 0..<50 {
            _ = await TimedCollection.collect(InstantSource(), at: t0, timeout: .seconds(600), clock: clock) {}
        }
        _ = try await eventually(every: .milliseconds(20)) { clock.sleeping.load(ordering: .sequentiallyConsistent) == 0 }
        let sleeping = clock.sleeping.load(ordering: .sequentiallyConsistent)
        #expect(sleeping == 0)
    }
}
