/// Capped exponential backoff between reconnect attempts: after the n-th consecutive
/// failure the next attempt waits `initial * multiplier^(n-1)`, at most `maximum`.
///
/// A plain value with time as a parameter, so its pacing is tested without a clock.
public struct ReconnectBackoff: Sendable, Equatable {
    /// The pacing constants.
    public struct Policy: Sendable, Equatable {
        /// The wait after the first failure.
        public var initial: Duration
        /// The cap: no wait is ever longer.
        public var maximum: Duration
        /// The factor between consecutive waits (at least 1).
        public var multiplier: Int

        /// Pacing from `initial`, multiplied by `multiplier` after each failure, capped at `maximum`.
        public init(initial: Duration = .seconds(1), maximum: Duration = .seconds(60), multiplier: Int = 2) {
            self.initial = initial
            self.maximum = maximum
            self.multiplier = max(1, multiplier)
        }
    }

    /// The pacing constants in use.
    public let policy: Policy
    /// Consecutive failed attempts since the last success.
    public private(set) var failures = 0
    /// No attempt before this instant; `nil` when the last attempt succeeded.
    public private(set) var nextAttempt: ContinuousClock.Instant?

    /// A backoff with no failures recorded yet.
    public init(policy: Policy) { self.policy = policy }

    /// Whether a connection attempt may be made at `now`.
    public func mayAttempt(at now: ContinuousClock.Instant) -> Bool {
        guard let nextAttempt else { return true }
        return now >= nextAttempt
    }

    /// The wait after `failures` consecutive failures (zero before the first).
    public func delay(afterFailures count: Int) -> Duration {
        guard count > 0 else { return .zero }
        var delay = policy.initial
        for _ in 1..<count {
            // Stop multiplying once capped, so long outages never overflow.
            if delay >= policy.maximum { break }
            delay *= policy.multiplier
        }
        return min(delay, policy.maximum)
    }

    /// Records a failed attempt made at `now`.
    public mutating func recordFailure(at now: ContinuousClock.Instant) {
        failures += 1
        nextAttempt = now + delay(afterFailures: failures)
    }

    /// Records a successful connection: the next failure starts again at `initial`.
    public mutating func recordSuccess() {
        failures = 0
        nextAttempt = nil
    }
}
