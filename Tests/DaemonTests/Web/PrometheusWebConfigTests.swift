@testable import Daemon
import Foundation
import Testing
import TestSupport

/// Debian's Prometheus 2.42.
let prometheusBinary = "/usr/bin/prometheus"

/// The same web config files served by the real Prometheus 2.42 (`--web.config.file`) and by
/// binwatch: a good file (TLS and basic auth) gives the same answers at both (200 with the CA
/// and credentials, 401 without credentials, nothing over plain HTTP); a bad file stops both.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: prometheusBinary),
                             "prometheus (Debian's package, scripts/setup.sh) is not installed"))
struct PrometheusWebConfigTests {
    static let prometheus = prometheusBinary

    /// Starts Prometheus on a held port with `webConfig`; returns it and its port.
    func startPrometheus(_ ws: Workspace, webConfig: String) throws -> (RunningChild, PortReservation) {
        try ws.write("prometheus.yml", "global:\n  scrape_interval: 1h\n")
        // Held until Prometheus binds it (Go's listener sets SO_REUSEADDR), so no one else takes it.
        let reservation = try PortReservation()
        let child = try ChildProcess.start(
            [Self.prometheus, "--config.file=\(ws.path("prometheus.yml"))", "--storage.tsdb.path=\(ws.path("tsdb"))",
             "--web.listen-address=127.0.0.1:\(reservation.port)", "--web.config.file=\(webConfig)"],
            stdoutFile: ws.path("prometheus.out"), stderrFile: ws.path("prometheus.log"))
        return (child, reservation)
    }

    func curl(_ arguments: [String]) async throws -> (exit: Int32, status: Int) {
        let result = try await ChildProcess.run(
            ["curl", "-sS", "-o", "/dev/null", "--max-time", "60", "-w", "%{http_code}"] + arguments, timeout: .seconds(120))
        return (result.status, Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0)
    }

    @Test func goodFileServesTheSameAndBadFileStopsBoth() async throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let pki = try WebConfigServerTests.Certificates(in: ws)
        let hash = try await ChildProcess.run(
            ["python3", "-c", "import bcrypt; print(bcrypt.hashpw(b'both-pass', bcrypt.gensalt(4)).decode())"], timeout: .seconds(60))
        try #require(hash.status == 0, "Python's bcrypt: \(hash.stderr)")
        let good = """
            tls_server_config: {cert_file: \(pki.dir)/server.crt, key_file: \(pki.dir)/server.key}
            basic_auth_users: {ops: '\(hash.stdout.trimmingCharacters(in: .whitespacesAndNewlines))'}
            """
        let (prometheus, reservation) = try startPrometheus(ws, webConfig: try writeFile(ws, "good.yml", good))
        defer { prometheus.stop(); withExtendedLifetime(reservation) {} }
        let (_, binwatchPort, server) = try await WebConfigServerTests().serve(ws, web: good)
        defer { server.cancel() }

        let ca = ["--cacert", pki.dir + "/ca.crt"]
        let prometheusURL = "https://127.0.0.1:\(reservation.port)/-/healthy"
        try await LiveDaemon.waitFor("Prometheus to serve TLS", limit: .seconds(180)) {
            guard prometheus.isRunning else { return true }
            return try await curl(ca + ["-u", "ops:both-pass", prometheusURL]).status == 200
        }
        try #require(prometheus.isRunning, "Prometheus stopped: \(prometheus.readStderr())")
        for (port, name) in [(reservation.port, "prometheus"), (binwatchPort, "binwatch")] {
            let url = "https://127.0.0.1:\(port)/-/healthy"
            #expect(try await curl(ca + ["-u", "ops:both-pass", url]).status == 200, "\(name): CA and credentials")
            #expect(try await curl(ca + [url]).status == 401, "\(name): no credentials")
            #expect(try await curl(ca + ["-u", "ops:wrong", url]).status == 401, "\(name): wrong password")
            #expect(try await curl([url]).exit == 60, "\(name): a certificate curl does not trust")
            #expect(try await curl(["http://127.0.0.1:\(port)/-/healthy"]).status != 200, "\(name): no plain HTTP")
        }

        // A TLS section without its key: Prometheus exits at start, binwatch refuses the file.
        let bad = try writeFile(ws, "bad.yml", "tls_server_config: {cert_file: \(pki.dir)/server.crt}\n")
        let badWorkspace = try Workspace()
        defer { badWorkspace.remove() }
        let (refused, badReservation) = try startPrometheus(badWorkspace, webConfig: bad)
        defer { withExtendedLifetime(badReservation) {} }
        let status = await refused.exited(within: .seconds(180))
        if status == nil { refused.stop() }
        #expect(status != nil && status != 0, "Prometheus must refuse to start: \(refused.readStderr())")
        #expect(throws: (any Error).self, "binwatch must refuse the file") { _ = try WebConfigState(path: bad) }
    }

    func writeFile(_ ws: Workspace, _ name: String, _ text: String) throws -> String {
        try ws.write(name, text)
        return ws.path(name)
    }
}
