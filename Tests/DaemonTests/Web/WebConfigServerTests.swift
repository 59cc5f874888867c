@testable import Daemon
import Foundation
import Logging
import Model
import ServiceLifecycle
import Synchronization
import Testing
import TestSupport

/// The web config on a live server: TLS verified by curl against a CA made by openssl,
/// mTLS refusing a client without a certificate, basic auth with hashes from Python's
/// bcrypt and htpasswd, headers, reload keeping the old file on error, and the same files
/// judged as `promtool check web-config` (Prometheus 2.42) judges them.
@Suite(.serialized) struct WebConfigServerTests {
    /// A CA, a server certificate for 127.0.0.1 and a client certificate, made by openssl.
    struct Certificates {
        let dir: String

        init(in ws: Workspace) throws {
            dir = ws.path("pki")
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try Self.openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=binwatch test CA",
                              "-keyout", dir + "/ca.key", "-out", dir + "/ca.crt"])
            for (name, ext) in [("server", "subjectAltName=IP:127.0.0.1"), ("client", "extendedKeyUsage=clientAuth")] {
                try Self.openssl(["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=\(name)",
                                  "-keyout", "\(dir)/\(name).key", "-out", "\(dir)/\(name).csr"])
                try "\(ext)\n".write(toFile: "\(dir)/\(name).ext", atomically: true, encoding: .utf8)
                try Self.openssl(["x509", "-req", "-in", "\(dir)/\(name).csr", "-CA", dir + "/ca.crt", "-CAkey", dir + "/ca.key",
                                  "-CAcreateserial", "-days", "2", "-extfile", "\(dir)/\(name).ext", "-out", "\(dir)/\(name).crt"])
            }
        }

        static func openssl(_ arguments: [String]) throws {
            let result = try ChildProcess.run(["openssl"] + arguments, timeout: .seconds(120))
            guard result.status == 0 else { throw ChildProcessError(message: "openssl \(arguments): \(result.stderr)") }
        }
    }

    /// Starts the daemon's HTTP server over a web config file.
    func serve(_ ws: Workspace, web: String) async throws -> (WebConfigState, Int, Task<Void, Never>) {
        try ws.write("rules/wms.yml", QueryIsolationTests.rules)
        try ws.write("data.prom", "bin_utilization_cache_age_seconds{facility_id=\"F1\"} 100\n")
        try ws.writeConfig()
        try ws.write("web.yml", web)
        let scheduler = Scheduler(try ws.load())
        await scheduler.runOnce(at: scheduler.now())
        let state = try WebConfigState(path: ws.path("web.yml"))
        let port = Mutex<Int?>(nil)
        let service = try await HTTPService.make(
            scheduler: scheduler, loader: ConfigLoader(environment: [:]), address: "127.0.0.1:0", logger: Logger(label: "test"),
            webConfig: state, onListening: { bound in port.withLock { $0 = bound } })
        let group = ServiceGroup(services: [service], logger: Logger(label: "test"))
        let server = Task { _ = try? await group.run() }
        try await LiveDaemon.waitFor("the server to listen") { port.withLock { $0 } != nil }
        return (state, try #require(port.withLock { $0 }), server)
    }

    /// curl's exit status, HTTP status and headers+body.
    func curl(_ arguments: [String]) async throws -> (exit: Int32, status: Int, output: String) {
        let result = try await ChildProcess.run(
            ["curl", "-sS", "-i", "--max-time", "60", "-w", "\n%{http_code}"] + arguments, timeout: .seconds(120))
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        return (result.status, Int(lines.last ?? "") ?? 0, result.stdout)
    }

    @Test func tlsAndMutualTLS() async throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let pki = try Certificates(in: ws)
        let (state, port, server) = try await serve(ws, web: """
            tls_server_config:
              cert_file: pki/server.crt
              key_file: pki/server.key
            http_server_config:
              headers: {X-Frame-Options: deny}
            """)
        defer { server.cancel() }
        let url = "https://127.0.0.1:\(port)/-/healthy"
        let verified = try await curl(["--cacert", pki.dir + "/ca.crt", url])
        #expect(verified.exit == 0 && verified.status == 200, "\(verified)")
        #expect(verified.output.contains("binwatch is Healthy."))
        #expect(verified.output.lowercased().contains("x-frame-options: deny"))
        // Not trusted without the CA; no plain HTTP on the TLS port.
        #expect(try await curl([url]).exit == 60)
        #expect(try await curl(["http://127.0.0.1:\(port)/-/healthy"]).status != 200)

        // Client certificates required: refused without one, served with one (after a reload).
        try ws.write("web.yml", """
            tls_server_config:
              cert_file: pki/server.crt
              key_file: pki/server.key
              client_auth_type: RequireAndVerifyClientCert
              client_ca_file: pki/ca.crt
            """)
        #expect(state.reload(logger: Logger(label: "test")) == nil)
        let refused = try await curl(["--cacert", pki.dir + "/ca.crt", url])
        #expect(refused.exit != 0 && refused.status == 0, "\(refused)")
        let accepted = try await curl(
            ["--cacert", pki.dir + "/ca.crt", "--cert", pki.dir + "/client.crt", "--key", pki.dir + "/client.key", url])
        #expect(accepted.exit == 0 && accepted.status == 200, "\(accepted)")

        // A broken file is refused and the running one stays.
        try ws.write("web.yml", "tls_server_config: {cert_file: pki/missing.crt, key_file: pki/server.key}\n")
        let errors = try #require(state.reload(logger: Logger(label: "test")))
        #expect(errors.description.contains("tls_server_config.cert_file"))
        #expect(!errors.description.contains("PRIVATE KEY"))
        #expect(try await curl(["--cacert", pki.dir + "/ca.crt", url]).exit != 0)
        #expect(try await curl(
            ["--cacert", pki.dir + "/ca.crt", "--cert", pki.dir + "/client.crt", "--key", pki.dir + "/client.key", url]).status == 200)
    }

    @Test func basicAuthWithPythonBcryptAndHtpasswd() async throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let python = try await ChildProcess.run(
            ["python3", "-c", "import bcrypt; print(bcrypt.hashpw(b'py-pass', bcrypt.gensalt(4)).decode())"], timeout: .seconds(60))
        #expect(python.status == 0, "Python's bcrypt: \(python.stderr)")
        let htpasswd = try await ChildProcess.run(["htpasswd", "-nbB", "-C", "4", "ops", "ht-pass"], timeout: .seconds(60))
        #expect(htpasswd.status == 0, "htpasswd: \(htpasswd.stderr)")
        let pyHash = python.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let htHash = String(htpasswd.stdout.trimmingCharacters(in: .whitespacesAndNewlines).dropFirst("ops:".count))
        #expect(htHash.hasPrefix("$2y$"))
        let (_, port, server) = try await serve(ws, web: """
            basic_auth_users:
              py: '\(pyHash)'
              ops: '\(htHash)'
            """)
        defer { server.cancel() }
        let base = "http://127.0.0.1:\(port)"
        for path in ["/-/healthy", "/api/v1/alerts", "/api/v1/query?query=1", "/metrics", "/nope"] {
            let anonymous = try await curl([base + path])
            #expect(anonymous.status == 401, "\(path): \(anonymous)")
            #expect(anonymous.output.contains("WWW-Authenticate: Basic") || anonymous.output.contains("www-authenticate: Basic"))
        }
        let wrong = try await curl(["-u", "py:nope", base + "/-/healthy"])
        #expect(wrong.status == 401)
        #expect(try await curl(["-u", "ghost:py-pass", base + "/-/healthy"]).status == 401)
        #expect(try await curl(["-u", "py:py-pass", base + "/-/healthy"]).status == 200)
        #expect(try await curl(["-u", "ops:ht-pass", base + "/api/v1/query?query=1"]).status == 200)
        // Twice: the second answer comes from the cache of passed checks.
        #expect(try await curl(["-u", "ops:ht-pass", base + "/-/healthy"]).status == 200)
        #expect(try await curl(["-u", "ops:ht-pass", base + "/nope"]).status == 404)
        #expect(!wrong.output.contains(pyHash))
    }

    /// The same files through `promtool check web-config` (Prometheus 2.42's validation)
    /// and `binwatch`'s: both accept the good ones and refuse the bad ones.
    @Test func sameVerdictAsPromtool() async throws {
        guard (try? await ChildProcess.run(["promtool", "--version"], timeout: .seconds(60)))?.status == 0 else {
            Issue.record("promtool (Debian's prometheus package, scripts/setup.sh) is not installed")
            return
        }
        let ws = try Workspace()
        defer { ws.remove() }
        let pki = try Certificates(in: ws)
        let files: [(String, String, Bool)] = [
            ("empty", "", true),
            ("tls", "tls_server_config: {cert_file: pki/server.crt, key_file: pki/server.key}", true),
            ("mtls", """
                tls_server_config:
                  cert_file: pki/server.crt
                  key_file: pki/server.key
                  client_auth_type: RequireAndVerifyClientCert
                  client_ca_file: pki/ca.crt
                  min_version: TLS12
                  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]
                """, true),
            ("auth", "basic_auth_users: {ops: '$2y$04$h6ai0RqmwwemcKfdQNgC6OtpoaJB3GTF3QU1dNbWaWCZBMhvljula'}", true),
            ("headers", "http_server_config: {headers: {X-Frame-Options: deny}}", true),
            ("no-key", "tls_server_config: {cert_file: pki/server.crt}", false),
            ("missing-cert", "tls_server_config: {cert_file: pki/none.crt, key_file: pki/server.key}", false),
            ("bad-auth-type", "tls_server_config: {cert_file: pki/server.crt, key_file: pki/server.key, client_auth_type: Maybe}", false),
            ("bad-version", "tls_server_config: {cert_file: pki/server.crt, key_file: pki/server.key, min_version: SSL3}", false),
            ("unknown-key", "tls_server_config: {cert_file: pki/server.crt, key_file: pki/server.key, colour: blue}", false),
            ("bad-header", "http_server_config: {headers: {Server: x}}", false),
            ("ca-without-auth", "tls_server_config: {cert_file: pki/server.crt, key_file: pki/server.key, client_ca_file: pki/ca.crt}", false),
        ]
        for (name, text, good) in files {
            try ws.write("\(name).yml", text + "\n")
            let promtool = try await ChildProcess.run(["promtool", "check", "web-config", ws.path("\(name).yml")], timeout: .seconds(60))
            var binwatchAccepts = true
            do { _ = try WebConfigState(path: ws.path("\(name).yml")) } catch { binwatchAccepts = false }
            #expect((promtool.status == 0) == good, "promtool on \(name): \(promtool.stderr)")
            #expect(binwatchAccepts == good, "binwatch on \(name)")
        }
    }
}
