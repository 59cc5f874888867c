import HTTPClient
import Notify
import NotifyTesting
import Testing

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy()
    let request = HTTPRequest(method: .post, url: "https://hooks.example.com/services/T/B/secret")

    @Test(arguments: RetryCodeTable.cases)
    func classifiesStatus(_ status: Int, _ retryable: Bool) {
        let error = policy.check(HTTPResponse(status: status, body: Array("nope".utf8)), for: request)
        if (200..<300).contains(status) {
            #expect(error == nil)
        } else {
            #expect(error?.isRetryable == retryable)
            #expect(error?.statusCode == status)
            #expect(leakedSecrets(in: error.map { "\($0)" } ?? "", secrets: [request.url]).isEmpty)
        }
    }

    @Test func retryAfterOnlyOn429() {
        let limited = policy.check(HTTPResponse(status: 429, headers: ["Retry-After": "12"]), for: request)
        #expect(limited?.retryAfter == .seconds(12))
        let unavailable = policy.check(HTTPResponse(status: 503, headers: ["Retry-After": "12"]), for: request)
        #expect(unavailable?.retryAfter == nil)
    }

    @Test func backoffGrowsByHalfAndIsCapped() {
        let waits = (1...15).map { policy.delay(afterAttempt: $0, error: nil, random: 0.5) }
        #expect(waits.prefix(4) == [.milliseconds(500), .milliseconds(750), .milliseconds(1125), .milliseconds(1688)])
        #expect(waits.last == .seconds(60))
        #expect(zip(waits, waits.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func jitterStaysWithinHalfEitherSide() {
        #expect(policy.delay(afterAttempt: 1, error: nil, random: 0) == .milliseconds(250))
        #expect(policy.delay(afterAttempt: 1, error: nil, random: 0.999_999) == .milliseconds(750))
    }

    @Test func retryAfterWinsButIsCapped() {
        let short = NotifyError(kind: .status, message: "", statusCode: 429, retryAfter: .seconds(1), isRetryable: true)
        #expect(policy.delay(afterAttempt: 5, error: short, random: 0.5) == .milliseconds(2531))
        let long = NotifyError(kind: .status, message: "", statusCode: 429, retryAfter: .seconds(3600), isRetryable: true)
        #expect(policy.delay(afterAttempt: 1, error: long, random: 0.5) == .seconds(300))
    }

    @Test func transportErrorsMapToRetryableExceptBadRequests() {
        #expect(policy.error(from: HTTPClientError(kind: .connectFailed, code: 7, message: "refused")).isRetryable)
        #expect(policy.error(from: HTTPClientError(kind: .timedOut, code: 28, message: "timeout")).isRetryable)
        #expect(!policy.error(from: HTTPClientError(kind: .invalidRequest, code: 0, message: "bad url")).isRetryable)
        #expect(!policy.error(from: HTTPClientError(kind: .tls, code: 60, message: "cert")).isRetryable)
    }
}
