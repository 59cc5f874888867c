import HTTPClient
import Testing

@Suite("HTTPClientError")
struct HTTPClientErrorTests {
    @Test(arguments: [
        (HTTPClientError.Kind.connectFailed, 7, true), (.timedOut, 28, true), (.transport, 56, true),
        (.tls, 60, false), (.invalidRequest, 3, false), (.cancelled, 42, false), (.responseTooLarge, 23, false),
        (.unexpectedStatus, 429, true), (.unexpectedStatus, 502, true), (.unexpectedStatus, 400, false),
        (.unexpectedStatus, 404, false),
    ])
    func retryability(kind: HTTPClientError.Kind, code: Int, retryable: Bool) {
        #expect(HTTPClientError(kind: kind, code: code, message: "m").isRetryable == retryable)
    }

    @Test func unexpectedStatusQuotesAShortScrubbedBody() {
        let request = HTTPRequest(method: .post, url: "https://hooks.slack.com/services/T1/B2/abcSECRET")
        let body = Array(("invalid_token for /services/T1/B2/abcSECRET " + String(repeating: "x", count: 500)).utf8)
        let error = HTTPClientError.unexpectedStatus(HTTPResponse(status: 403, body: body), for: request)
        #expect(error.message.hasPrefix("POST https://hooks.slack.com: HTTP status 403: invalid_token for <redacted> "))
        #expect(!error.message.contains("abcSECRET"))
        #expect(error.message.count < 300)
        #expect(error.description.hasPrefix("unexpectedStatus (403): "))
    }
}
