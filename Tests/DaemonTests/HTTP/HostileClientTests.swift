@testable import Daemon
import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import Testing

/// Clients that hold connections or send too much: slow-loris connections are closed at
/// `web.read_timeout`, connections over `web.max_connections` are closed at once, an
/// oversized query body gets 413, headers over Go's 1 MiB get 431; each is visible in `/metrics`.
@Suite(.serialized) struct HostileClientTests {
    /// A blocking loopback TCP connection with a receive timeout.
    final class RawConnection {
        let fd: Int32

        init(port: Int) throws {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
            // Generous: the wait ends with the server's close, not with this bound.
            var timeout = timeval(tv_sec: 120, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }

        func send(_ text: String) {
            _ = text.withCString { Glibc.send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        }

        /// Reads until the server closes (true) or the receive timeout passes (false).
        func waitForClose() -> Bool {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = recv(fd, &buffer, buffer.count, 0)
                if n == 0 { return true }
                if n < 0 { return errno == ECONNRESET }
            }
        }

        /// Reads until the response head is complete or the server closes; what came.
        func readResponseHead() -> String {
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !String(decoding: received, as: UTF8.self).contains("\r\n\r\n") {
                let n = recv(fd, &buffer, buffer.count, 0)
                if n <= 0 { break }
                received += buffer[0..<n]
            }
            return String(decoding: received, as: UTF8.self)
        }

        deinit { close(fd) }
    }

    @Test func slowLorisOverCapAndOversizedBody() async throws {
        try await LoadTurn.shared.run { try await self.slowLorisOverCapAndOversizedBodyAlone() }
    }

    func slowLorisOverCapAndOversizedBodyAlone() async throws {
        let ws = try Workspace()
        defer { ws.remove() }
        // 10 s: the three slow clients must all be seen open before the first is closed, however
        // loaded the machine (1 s could pass before the check).
        let daemon = try await LiveDaemon.start(in: ws, extra: "web: {read_timeout: 10s, max_connections: 3}")
        defer { daemon.stop() }
        let port = try #require(Int(daemon.base.split(separator: ":").last ?? ""))
        try await LiveDaemon.waitFor("the client's connection to close") { daemon.connectionsOpen() == 0 }
        // That keep-alive connection was closed by the read timeout too.
        let timedOutBefore = daemon.connections.readTimeoutsNow
        #expect(timedOutBefore >= 1, "the idle keep-alive connection")

        // Three clients trickle the start of a request and never finish it.
        let loris = try (0..<3).map { _ in try RawConnection(port: port) }
        for connection in loris { connection.send("GET /metrics HTTP/1.1\r\nHost: x\r\n") }
        try await LiveDaemon.waitFor("three open connections") { daemon.connectionsOpen() == 3 }
        // A fourth is over the cap: closed at once.
        let extra = try RawConnection(port: port)
        #expect(extra.waitForClose())
        // The three are closed at read_timeout.
        for connection in loris { #expect(connection.waitForClose()) }
        // Counted as read timeouts; the connection over the cap was refused, not timed out.
        #expect(daemon.connections.readTimeoutsNow == timedOutBefore + 3)

        // A query form body over 1 MiB is refused.
        // On a session of its own: the daemon's shared session may still hold a keep-alive
        // connection the server closed at read_timeout above, and URLSession does not retry a
        // POST sent onto such a stale connection (it reports "connection reset").
        let big = "query=" + String(repeating: "1", count: 1 << 21)
        var post = URLRequest(url: try #require(URL(string: daemon.base + "/api/v1/query")))
        post.httpMethod = "POST"
        post.httpBody = Data(big.utf8)
        post.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        let fresh = URLSession(configuration: .ephemeral)
        defer { fresh.invalidateAndCancel() }
        let (_, response) = try await fresh.data(for: post)
        let status = (response as? HTTPURLResponse)?.statusCode
        #expect(status == 413)

        let (_, metrics) = try await daemon.request("/metrics")
        #expect(metrics.contains("binwatch_http_connections_total{result=\"refused\"} 1"), "\(metrics)")
        #expect(metrics.contains("binwatch_http_connections_max 3"))
        #expect(metrics.contains("binwatch_http_request_body_too_large_total 1"))
        #expect(metrics.contains("binwatch_http_read_timeouts_total \(timedOutBefore + 3)"), "\(metrics)")
    }

    /// Go's servers (Prometheus, Alertmanager, node_exporter) take request headers up to
    /// `http.DefaultMaxHeaderBytes` (1 MiB) and answer more with 431; binwatch the same, not
    /// at NIO's default of 80 KiB.
    @Test func headersUpToAMebibyteAreTakenAndMoreGet431() async throws {
        try await LoadTurn.shared.run {
            let ws = try Workspace()
            defer { ws.remove() }
            let daemon = try await LiveDaemon.start(in: ws, extra: "")
            defer { daemon.stop() }
            let port = try #require(Int(daemon.base.split(separator: ":").last ?? ""))
            let request = { (size: Int) in "GET /-/healthy HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: size))\r\n\r\n" }

            let large = try RawConnection(port: port)
            large.send(request(1_000_000))
            #expect(large.readResponseHead().hasPrefix("HTTP/1.1 200 OK\r\n"))

            // Over the limit by a few bytes at the very end, so the whole request is in before
            // the server answers and closes (no unread bytes to turn the close into a reset).
            let over = try RawConnection(port: port)
            over.send(request(HeaderSizeLimit.maxHeaderBytes))
            let answer = over.readResponseHead()
            #expect(answer.hasPrefix("HTTP/1.1 431 Request Header Fields Too Large\r\n"), "\(answer.prefix(200))")
            #expect(answer.contains("Connection: close") || answer.contains("connection: close"), "\(answer.prefix(200))")
            #expect(over.waitForClose())

            let (_, metrics) = try await daemon.request("/metrics")
            #expect(metrics.contains("binwatch_http_request_header_too_large_total 1"), "\(metrics)")
        }
    }
}
