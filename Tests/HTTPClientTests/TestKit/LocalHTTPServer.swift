import Foundation
import Testing
import TestSupport

/// The loopback test server (Fixtures/http_test_server.py) run as a subprocess.
///
/// `stop()` (or deinit) terminates it; TestSupport kills any child left when this
/// process exits, so no server outlives the test run.
final class LocalHTTPServer {
    let port: Int
    private let process: RunningChild

    /// `https` when started with a certificate.
    let scheme: String

    /// Starts the server and waits for it to print its port; with `tls` it serves
    /// HTTPS with that PEM certificate and key, and with `clientCA` it requires a client
    /// certificate signed by that CA.
    convenience init(tls: (certificate: String, key: String)? = nil, clientCA: String? = nil) async throws {
        let tlsArguments = tls.map { ["--tls", $0.certificate, $0.key] + (clientCA.map { ["--client-ca", $0] } ?? []) } ?? []
        try await self.init(script: "http_test_server.py", arguments: tlsArguments, scheme: tls == nil ? "http" : "https")
    }

    /// Runs `Fixtures/<script>` with `arguments`; it must print its port on its first line.
    init(script: String, arguments: [String], scheme: String) async throws {
        let script = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/\(script)")
        let process = try ChildProcess.start(["python3", "-u", script.path] + arguments)
        let text: String
        do {
            text = try await process.firstStdoutLine().trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            process.stop()
            throw ServerStartError(output: error.message)
        }
        guard let port = Int(text) else {
            process.stop()
            throw ServerStartError(output: text)
        }
        self.port = port
        self.scheme = scheme
        self.process = process
    }

    /// `http(s)://127.0.0.1:<port><path>`.
    func url(_ path: String) -> String { "\(scheme)://127.0.0.1:\(port)\(path)" }

    /// Stops the server (SIGTERM, SIGKILL after a grace period) and reaps it.
    func stop() {
        process.stop()
    }

    deinit { stop() }

    struct ServerStartError: Error, CustomStringConvertible {
        let output: String
        var description: String { "test server did not print its port; got \(output.debugDescription)" }
    }
}

/// A loopback port that refuses connections: bound but not listening, so the kernel
/// answers SYN with RST for as long as the socket stays open.
final class RefusingPort: Sendable {
    let port: Int
    private let fd: Int32

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard fd >= 0, bound == 0, named == 0 else {
            if fd >= 0 { close(fd) }
            throw POSIXError(.EADDRNOTAVAIL)
        }
        self.fd = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(fd) }
}

/// A throwaway self-signed certificate for 127.0.0.1, made with the openssl CLI.
struct SelfSignedCertificate {
    let directory: URL
    var certificate: String { directory.appendingPathComponent("cert.pem").path }
    var key: String { directory.appendingPathComponent("key.pem").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let result = try ChildProcess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                             "-keyout", directory.appendingPathComponent("key.pem").path,
                             "-out", directory.appendingPathComponent("cert.pem").path], timeout: .seconds(60))
        guard result.status == 0 else { throw ChildProcessError(message: "openssl req failed (\(result.status)): \(result.stderr)") }
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
