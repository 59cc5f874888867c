import PostgresClient
import Testing

@Suite struct ReconnectBackoffTests {
    @Test func delaysDoubleUpToTheCap() {
        let backoff = ReconnectBackoff(policy: .init(initial: .seconds(1), maximum: .seconds(10), multiplier: 2))
        let delays = (0...6).map { backoff.delay(afterFailures: $0) }
        #expect(delays == [.zero, .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(10), .seconds(10)])
    }

    @Test func aHugeFailureCountStaysCapped() {
        let backoff = ReconnectBackoff(policy: .init(initial: .milliseconds(250), maximum: .seconds(60)))
        #expect(backoff.delay(afterFailures: 10_000) == .seconds(60))
    }

    @Test func attemptsWaitForTheDelayAndSuccessResets() {
        var backoff = ReconnectBackoff(policy: .init(initial: .seconds(2), maximum: .seconds(30)))
        let t0 = ContinuousClock.now
        #expect(backoff.mayAttempt(at: t0))
        backoff.recordFailure(at: t0)
        #expect(!backoff.mayAttempt(at: t0 + .seconds(1)))
        #expect(backoff.mayAttempt(at: t0 + .seconds(2)))
        backoff.recordFailure(at: t0 + .seconds(2))
        #expect(backoff.nextAttempt == t0 + .seconds(6))
        backoff.recordSuccess()
        #expect(backoff.failures == 0)
        #expect(backoff.mayAttempt(at: t0 + .seconds(2)))
    }
}
