import HTTPClient
import Testing

@Suite("HTTPRequest")
struct HTTPRequestTests {
    @Test(arguments: [
        ("https://hooks.slack.com/services/T1/B2/secret", "https://hooks.slack.com"),
        ("http://user:pw@127.0.0.1:8080/a?b=c#d", "http://127.0.0.1:8080"),
        ("HTTPS://events.pagerduty.com?routing_key=k", "https://events.pagerduty.com"),
        ("http://[::1]:9093/api/v2/alerts", "http://[::1]:9093"),
        ("not a url", "<invalid URL>"),
    ])
    func redactedOriginShowsSchemeHostAndPortOnly(url: String, origin: String) {
        let request = HTTPRequest(method: .put, url: url)
        #expect(request.redactedOrigin == origin)
        #expect(request.description == "PUT \(origin)")
    }

    @Test func defaultsAreSafe() {
        let request = HTTPRequest(url: "https://example.com/")
        #expect(request.method == .get)
        #expect(request.followRedirects == false)
        #expect(request.caFile == nil)
        #expect(request.connectTimeout == .seconds(10))
        #expect(request.timeout == .seconds(30))
    }
}
