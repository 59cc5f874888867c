import Foundation
@testable import HTTPClient
import Testing
import TestSupport

/// The request options behind Alertmanager's `http_config`, against real loopback peers:
/// an HTTPS receiver with a CA made by openssl here (server name, client certificate,
/// insecure_skip_verify) and a tiny proxy (CONNECT for https, absolute URIs for http).
@Suite struct HTTPConfigOptionsTests {
    let client = CurlHTTPClient()

    @Test func serverNameClientCertificateAndInsecureSkipVerify() async throws {
        let ca = try TestCertificateAuthority()
        defer { ca.remove() }
        // The certificate names receiver.test only: reached as 127.0.0.1 it fails unless
        // server_name says which name to check.
        let serverCert = try ca.issue("server", subject: "/CN=receiver.test", altNames: "DNS:receiver.test")
        let clientCert = try ca.issue("client", subject: "/CN=binwatch-client", altNames: nil)
        let server = try await LocalHTTPServer(tls: serverCert, clientCA: ca.caCertificate)

        var request = HTTPRequest(url: server.url("/echo"), caFile: ca.caCertificate)
        request.clientCertificateFile = clientCert.certificate
        request.clientKeyFile = clientCert.key
        let wrongName = await #expect(throws: HTTPClientError.self) { _ = try await client.send(request) }
        #expect(wrongName?.kind == .tls)

        request.serverName = "receiver.test"
        let response = try await client.send(request)
        #expect(response.status == 200)
        #expect(response.headers["X-Echo-Client-Subject"] == "commonName=binwatch-client")
        #expect(response.headers["X-Echo-Host"] == "127.0.0.1:\(server.port)", "the Host header keeps the URL's authority")

        // Without the client certificate the server refuses the handshake.
        var anonymous = request
        anonymous.clientCertificateFile = nil
        anonymous.clientKeyFile = nil
        await #expect(throws: HTTPClientError.self) { _ = try await client.send(anonymous) }

        // insecure_skip_verify: no CA, wrong name, still connects.
        var insecure = HTTPRequest(url: server.url("/echo"))
        insecure.clientCertificateFile = clientCert.certificate
        insecure.clientKeyFile = clientCert.key
        insecure.insecureSkipVerify = true
        #expect(try await client.send(insecure).status == 200)
    }

    @Test func proxyURLCarriesHTTPAndTunnelsHTTPS() async throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("proxy-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let proxy = try await LocalHTTPServer(script: "connect_proxy.py", arguments: [log.path], scheme: "http")
        let plain = try await LocalHTTPServer()
        var request = HTTPRequest(method: .post, url: plain.url("/echo"), body: Array("hi".utf8))
        request.proxyURL = "http://127.0.0.1:\(proxy.port)"
        let response = try await client.send(request)
        #expect(response.status == 200)
        #expect(response.headers["X-Echo-Via"] == "1.1 test-proxy")
        #expect(String(decoding: response.body, as: UTF8.self) == "hi")

        let certificate = try SelfSignedCertificate()
        defer { certificate.remove() }
        let secure = try await LocalHTTPServer(tls: (certificate.certificate, certificate.key))
        var tunnelled = HTTPRequest(url: secure.url("/echo"), caFile: certificate.certificate)
        tunnelled.proxyURL = "http://127.0.0.1:\(proxy.port)"
        #expect(try await client.send(tunnelled).status == 200)
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines == ["POST \(plain.url("/echo"))", "CONNECT 127.0.0.1:\(secure.port)"])
    }

    @Test func serverNameRewriteKeepsPortPathAndUserInfo() throws {
        let target = try #require(ServerNameOverride(url: "https://u:p@10.0.0.1:8443/a?b#c", serverName: "hooks.test"))
        #expect(target.url == "https://u:p@hooks.test:8443/a?b#c")
        #expect(target.connectTo == "hooks.test:8443:10.0.0.1:8443")
        #expect(ServerNameOverride(url: "http://[::1]/x", serverName: "h")?.connectTo == "h:80:[::1]:80")
    }
}
