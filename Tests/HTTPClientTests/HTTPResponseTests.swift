import HTTPClient
import Testing

@Suite("HTTPResponse")
struct HTTPResponseTests {
    @Test(arguments: [
        ("120", 120 as Int?), (" 7 ", 7), ("0", 0),
        ("Wed, 21 Oct 2015 07:28:00 GMT", nil), ("-3", nil), ("1.5", nil), ("", nil),
    ])
    func retryAfterDelaySeconds(raw: String, expected: Int?) {
        let response = HTTPResponse(status: 429, headers: ["Retry-After": raw])
        #expect(response.retryAfterSeconds == expected)
    }

    @Test func successIs2xx() {
        #expect(HTTPResponse(status: 204).isSuccess)
        #expect(!HTTPResponse(status: 302).isSuccess)
        #expect(!HTTPResponse(status: 199).isSuccess)
    }
}
