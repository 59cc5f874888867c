import Foundation
import HTTPClient
import Testing

/// CurlHTTPClient against a real HTTP server on 127.0.0.1 (TestKit/LocalHTTPServer).
/// Serialized: several tests measure wall time, and on a shared 2-core machine
/// parallel servers and key generation would starve them.
@Suite("CurlHTTPClient", .serialized)
struct CurlHTTPClientTests {
    let client = CurlHTTPClient()

    @Test func getRoundTripsHeaders() async throws {
        let server = try await LocalHTTPServer()
        let request = HTTPRequest(url: server.url("/echo?x=1"), headers: ["X-Custom": "abc def", "Accept": "text/plain"])
        let response = try await client.send(request)
        #expect(response.status == 200)
        #expect(response.headers["x-echo-method"] == "GET")
        #expect(response.headers["X-Echo-Path"] == "/echo?x=1")
        #expect(response.headers["X-Echo-X-Custom"] == "abc def")
        #expect(response.headers["X-Echo-Accept"] == "text/plain")
        #expect(response.headers["X-Echo-Expect"] == nil)
        #expect(response.body.isEmpty)
    }

    @Test(arguments: [HTTPRequest.Method.post, .put, .patch, .delete])
    func bodyRoundTrips(method: HTTPRequest.Method) async throws {
        let server = try await LocalHTTPServer()
        let payload = Array(#"{"text":"BinCacheStale firing","n":[1,2,3],"é":"ü"}"#.utf8)
        let request = HTTPRequest(method: method, url: server.url("/echo"),
                                  headers: ["Content-Type": "application/json"], body: payload)
        let response = try await client.send(request)
        #expect(response.status == 200)
        #expect(response.headers["X-Echo-Method"] == method.rawValue)
        #expect(response.headers["X-Echo-Content-Type"] == "application/json")
        #expect(response.headers["X-Echo-Content-Length"] == String(payload.count))
        #expect(response.body == payload)
    }

    @Test func emptyPostSendsZeroLength() async throws {
        let server = try await LocalHTTPServer()
        let response = try await client.send(HTTPRequest(method: .post, url: server.url("/echo")))
        #expect(response.headers["X-Echo-Method"] == "POST")
        #expect(response.headers["X-Echo-Content-Length"] == "0")
        #expect(response.body.isEmpty)
    }

    @Test(arguments: [200, 404, 500, 429, 503])
    func statusIsAResponse(code: Int) async throws {
        let server = try await LocalHTTPServer()
        let request = HTTPRequest(method: .post, url: server.url("/status/\(code)"), body: Array("x".utf8))
        let response = try await client.send(request)
        #expect(response.status == code)
        #expect(response.isSuccess == (code == 200))
        #expect(response.bodyText == "status \(code) for /status/\(code)")
        #expect(response.retryAfterSeconds == (code == 429 ? 7 : nil))
        let error = HTTPClientError.unexpectedStatus(response, for: request)
        #expect(error.code == code)
        #expect(error.isRetryable == (code == 429 || code >= 500))
    }

    @Test func repeatedHeaderFieldsAreKept() async throws {
        let server = try await LocalHTTPServer()
        let response = try await client.send(HTTPRequest(url: server.url("/headers")))
        #expect(response.headers.values(for: "set-cookie") == ["a=1", "b=2"])
        #expect(response.headers["Content-Length"] == "2")
    }

    @Test func headRequestHasNoBody() async throws {
        let server = try await LocalHTTPServer()
        let response = try await client.send(HTTPRequest(method: .head, url: server.url("/large/1000")))
        #expect(response.status == 200)
        #expect(response.headers["Content-Length"] == "1000")
        #expect(response.body.isEmpty)
    }

    @Test func connectionRefused() async throws {
        let refusing = try RefusingPort()
        let error = await #expect(throws: HTTPClientError.self) {
            _ = try await client.send(HTTPRequest(url: "http://127.0.0.1:\(refusing.port)/"))
        }
        #expect(error?.kind == .connectFailed)
        #expect(error?.code == 7)  // CURLE_COULDNT_CONNECT
        #expect(error?.isRetryable == true)
        #expect(error?.message.contains("127.0.0.1:\(refusing.port)") == true)
    }

    @Test func hangingServerTimesOut() async throws {
        let server = try await LocalHTTPServer()
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: HTTPClientError.self) {
            _ = try await client.send(HTTPRequest(url: server.url("/hang"), timeout: .milliseconds(800)))
        }
        let elapsed = clock.now - start
        #expect(error?.kind == .timedOut)
        #expect(error?.code == 28)  // CURLE_OPERATION_TIMEDOUT
        #expect(elapsed >= .milliseconds(800))
        // The server holds the request for 600 s: ending in less than half of that, however
        // loaded the machine, is the timeout.
        #expect(elapsed < .seconds(300), "an 800ms timeout took \(elapsed)")
    }

    @Test func largeBody() async throws {
        let server = try await LocalHTTPServer()
        let size = 8 * 1024 * 1024 + 17
        let response = try await client.send(HTTPRequest(url: server.url("/large/\(size)")))
        #expect(response.body.count == size)
        let mismatch = response.body.indices.first { response.body[$0] != UInt8($0 % 251) }
        #expect(mismatch == nil)
    }

    @Test func responseLargerThanLimitFails() async throws {
        let server = try await LocalHTTPServer()
        let error = await #expect(throws: HTTPClientError.self) {
            _ = try await client.send(HTTPRequest(url: server.url("/large/100000"), maxResponseBytes: 1000))
        }
        #expect(error?.kind == .responseTooLarge)
        #expect(error?.isRetryable == false)
    }

    @Test func concurrentRequestsAreNotSerialised() async throws {
        let server = try await LocalHTTPServer()
        let client = self.client
        // The server answers "together" only while both requests are inside it at once; sent
        // one after the other, the first would wait alone until the server gives up.
        let url = server.url("/meet/pair/2")
        async let a = client.send(HTTPRequest(url: url, timeout: .seconds(600)))
        async let b = client.send(HTTPRequest(url: url, timeout: .seconds(600)))
        let (ra, rb) = try await (a, b)
        #expect(ra.bodyText == "together" && rb.bodyText == "together", "\(ra.bodyText), \(rb.bodyText)")
    }

    @Test func cancellingTheTaskAbortsTheTransfer() async throws {
        let server = try await LocalHTTPServer()
        let client = self.client
        let url = server.url("/hang")
        let clock = ContinuousClock()
        let start = clock.now
        let task = Task { try await client.send(HTTPRequest(url: url, timeout: .seconds(600))) }
        // Cancelled once the request is in the server, so it is the transfer that is aborted.
        let hits = server.url("/hits/hang")
        while try await client.send(HTTPRequest(url: hits)).bodyText != "1" {
            try await Task.sleep(for: .milliseconds(20))
        }
        task.cancel()
        let result = await task.result
        let elapsed = clock.now - start
        #expect(throws: HTTPClientError.self) { try result.get() }
        if case .failure(let error as HTTPClientError) = result {
            #expect(error.kind == .cancelled)
        }
        #expect(elapsed < .seconds(300), "cancellation took \(elapsed)")  // not the 600 s timeout
    }

    @Test func redirectsAreNotFollowedByDefault() async throws {
        let server = try await LocalHTTPServer()
        let plain = try await client.send(HTTPRequest(method: .post, url: server.url("/redirect"), body: [1]))
        #expect(plain.status == 302)
        #expect(plain.headers["Location"] == "/echo")
        let followed = try await client.send(HTTPRequest(url: server.url("/redirect"), followRedirects: true))
        #expect(followed.status == 200)
        #expect(followed.headers["X-Echo-Path"] == "/echo")
        #expect(followed.headers.values(for: "Location").isEmpty)
    }

    @Test func errorsNeverContainTheSecretPartsOfTheURL() async throws {
        let refusing = try RefusingPort()
        let url = "http://hookuser:hookpass@127.0.0.1:\(refusing.port)/services/T0001/B0002/SuperSecretToken?token=abc123"
        let error = await #expect(throws: HTTPClientError.self) {
            _ = try await client.send(HTTPRequest(method: .post, url: url, body: Array("{}".utf8)))
        }
        let text = try #require(error).description
        for secret in ["SuperSecretToken", "services", "token=abc123", "hookuser", "hookpass"] {
            #expect(!text.contains(secret), "error text leaks \(secret): \(text)")
        }
        #expect(text.contains("POST http://127.0.0.1:\(refusing.port)"))

        // A receiver that quotes the path back in its error body is scrubbed too.
        let server = try await LocalHTTPServer()
        let secretPath = server.url("/status/404/services/T1/B2/AnotherSecret")
        let request = HTTPRequest(method: .post, url: secretPath, body: [1])
        let response = try await client.send(request)
        let statusError = HTTPClientError.unexpectedStatus(response, for: request)
        #expect(response.bodyText.contains("AnotherSecret"))
        #expect(!statusError.description.contains("AnotherSecret"))
        #expect(!statusError.description.contains("/services/"))
        #expect(statusError.description.contains("HTTP status 404"))
        #expect("\(request)" == "POST http://127.0.0.1:\(server.port)")
    }

    @Test(arguments: [
        ("ftp://127.0.0.1/file", "only absolute http"),
        ("127.0.0.1/no-scheme", "only absolute http"),
    ])
    func unsupportedURLsAreRejected(url: String, expected: String) async throws {
        let error = await #expect(throws: HTTPClientError.self) {
            _ = try await client.send(HTTPRequest(url: url))
        }
        #expect(error?.kind == .invalidRequest)
        #expect(error?.message.contains(expected) == true)
    }

    @Test func headerInjectionIsRejected() async throws {
        let error = await #expect(throws: HTTPClientError.self) {
            _ = try await client.send(HTTPRequest(url: "http://127.0.0.1:1/", headers: ["X-A": "v\r\nInjected: 1"]))
        }
        #expect(error?.kind == .invalidRequest)
        #expect(error?.message.contains("X-A") == true)
        #expect(error?.message.contains("Injected") == false)
    }

    @Test func tlsIsVerifiedAndACAFileCanBeTrusted() async throws {
        let certificate = try SelfSignedCertificate()
        defer { certificate.remove() }
        let server = try await LocalHTTPServer(tls: (certificate.certificate, certificate.key))
        // Self-signed: not in the system store, so verification must fail.
        let error = await #expect(throws: HTTPClientError.self) {
            _ = try await client.send(HTTPRequest(url: server.url("/echo")))
        }
        #expect(error?.kind == .tls)
        #expect(error?.isRetryable == false)
        // Trusting exactly that certificate through caFile makes the same request succeed.
        let response = try await client.send(HTTPRequest(url: server.url("/echo"), caFile: certificate.certificate))
        #expect(response.status == 200)
        #expect(response.headers["X-Echo-Method"] == "GET")
    }
}
