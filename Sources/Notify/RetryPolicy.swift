import Model

public import HTTPClient

/// How deliveries are retried, shared by every integration (Alertmanager's `Retrier`
/// plus cenkalti/backoff's defaults): 2xx succeeds; 5xx, 429 and transport errors are
/// retried with capped exponential backoff and jitter; other statuses fail at once.
///
/// Deliberate improvement over Alertmanager 0.25: a 429 is retried for every integration
/// (0.25 retries it only for PagerDuty and waits for the next group_interval otherwise,
/// alertmanager#2111) and its `Retry-After` is honoured (0.25 ignores it,
/// alertmanager#2205), up to `maxRetryAfter`.
public struct RetryPolicy: Sendable, Hashable {
    /// The wait before the second attempt (the first is immediate).
    public var initialInterval: Duration
    /// Growth of the wait per attempt.
    public var multiplier: Double
    /// Jitter: the wait is drawn from `[w·(1−f), w·(1+f)]`.
    public var randomizationFactor: Double
    /// Longest wait between attempts (before jitter).
    public var maxInterval: Duration
    /// Longest `Retry-After` honoured; longer requests are capped to it.
    public var maxRetryAfter: Duration

    /// Alertmanager's backoff defaults: 500 ms, ×1.5, ±50 %, capped at 60 s. How long one
    /// attempt may take is the route's, not the policy's: see `NotificationDeadline`.
    public init(
        initialInterval: Duration = .milliseconds(500), multiplier: Double = 1.5, randomizationFactor: Double = 0.5,
        maxInterval: Duration = .seconds(60), maxRetryAfter: Duration = .seconds(300)
    ) {
        self.initialInterval = initialInterval
        self.multiplier = multiplier
        self.randomizationFactor = randomizationFactor
        self.maxInterval = maxInterval
        self.maxRetryAfter = maxRetryAfter
    }

    /// Checks a response: nil for 2xx, else the error with its retry decision.
    /// - Parameters:
    ///   - response: what the receiver answered.
    ///   - request: the request (only its redacted origin is quoted).
    public func check(_ response: HTTPResponse, for request: HTTPRequest) -> NotifyError? {
        if response.isSuccess { return nil }
        let base = HTTPClientError.unexpectedStatus(response, for: request)
        let retryable = response.status == 429 || (500..<600).contains(response.status)
        let retryAfter = response.status == 429 ? response.retryAfterSeconds.map { Duration.seconds($0) } : nil
        return NotifyError(
            kind: .status, message: base.message, statusCode: response.status, retryAfter: retryAfter,
            isRetryable: retryable)
    }

    /// Maps a transport failure: timeouts, refused and reset connections are retryable.
    public func error(from failure: HTTPClientError) -> NotifyError {
        switch failure.kind {
        case .cancelled: return NotifyError(kind: .cancelled, message: failure.message, isRetryable: false)
        case .invalidRequest: return NotifyError(kind: .request, message: failure.message, isRetryable: false)
        default:
            return NotifyError(kind: .transport, message: "\(failure.kind): \(failure.message)", isRetryable: failure.isRetryable)
        }
    }

    /// The wait before attempt `attempt + 1` after `attempt` failed attempts (1-based).
    /// - Parameters:
    ///   - attempt: how many attempts have failed so far (≥ 1).
    ///   - error: the last failure; its `retryAfter` wins over the backoff when longer.
    ///   - random: a number in [0, 1) choosing the jitter.
    public func delay(afterAttempt attempt: Int, error: NotifyError?, random: Double) -> Duration {
        var interval = Double(initialInterval.milliseconds)
        let cap = Double(maxInterval.milliseconds)
        for _ in 1..<max(1, attempt) { interval = min(interval * multiplier, cap) }
        let delta = randomizationFactor * interval
        let jittered = interval - delta + random * 2 * delta
        var wait = Duration.milliseconds(Int64(jittered.rounded()))
        if let retryAfter = error?.retryAfter {
            wait = max(wait, min(retryAfter, maxRetryAfter))
        }
        return wait
    }
}
