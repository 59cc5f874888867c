@testable import Daemon
import Testing

/// `query.max_concurrency`'s gate alone: arrival order, a deadline, cancellation.
@Suite struct ConcurrencyGateTests {
    @Test func waitersGetSlotsInOrderAndGiveUpAtTheirDeadline() async throws {
        let gate = ConcurrencyGate(limit: 1)
        let far = ContinuousClock.now + .seconds(600)
        #expect(await gate.acquire(until: far) == .acquired)
        // A waiter whose deadline has passed gives up without a slot.
        #expect(await gate.acquire(until: ContinuousClock.now) == .timedOut)
        #expect(gate.load.held == 1 && gate.load.waiting == 0)

        let second = Task { await gate.acquire(until: far) }
        try await LiveDaemon.waitFor("the second to wait") { gate.load.waiting == 1 }
        let third = Task { await gate.acquire(until: far) }
        try await LiveDaemon.waitFor("the third to wait") { gate.load.waiting == 2 }
        third.cancel()
        #expect(await third.value == .canceled)
        gate.release()
        #expect(await second.value == .acquired)
        #expect(gate.load.held == 1 && gate.load.waiting == 0)
        gate.release()
        #expect(gate.load.held == 0)
    }
}
