import Testing
@testable import HTTPClient

/// The smtp:// URL libcurl is given: scheme by implicit TLS, IPv6 hosts bracketed, the EHLO
/// name as the percent-encoded path (libcurl URL-decodes it); the description shows the server only.
struct SMTPRequestTests {
    static func request(host: String = "mail.example.com", port: Int = 25) -> SMTPRequest {
        SMTPRequest(host: host, port: port, from: "a@example.com", recipients: ["b@example.com"], message: [])
    }

    @Test func urlCarriesTheEHLONameAsItsPath() {
        #expect(Self.request().url == "smtp://mail.example.com:25/localhost")
        var request = Self.request(host: "::1", port: 465)
        request.implicitTLS = true
        request.hello = "bin watch/ü"
        #expect(request.url == "smtps://[::1]:465/bin%20watch%2F%C3%BC")
        #expect(request.description == "smtps://[::1]:465")
        request.hello = ""
        #expect(request.url == "smtps://[::1]:465/localhost")
    }
}
