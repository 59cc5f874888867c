public import Foundation
import HTTPClient
import TestSupport

/// A real Debian `prometheus-alertmanager` 0.25 on 127.0.0.1 with clustering off and its
/// storage in a temporary directory: the oracle for forwarded alerts.
public final class AlertmanagerProcess: @unchecked Sendable {
    // @unchecked: every stored property is set once in init.

    /// The binary's path.
    public static let binary = "/usr/bin/prometheus-alertmanager"
    /// Whether the binary is installed (tests skip otherwise).
    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    /// The bound port.
    public let port: Int
    /// Its own directory (config, data, log).
    public let directory: URL
    private let process: RunningChild
    /// Keeps the port Alertmanager's for its whole life (see PortReservation).
    private let reservation: PortReservation

    /// `http://127.0.0.1:port`.
    public var url: String { "http://127.0.0.1:\(port)" }

    /// Starts Alertmanager with `config` (alertmanager.yml text) and waits until `/-/ready`
    /// answers 200 (at most `readyTimeout`: generous, as a loaded 2-core CI machine can take
    /// tens of seconds to start it while the suite runs in parallel).
    /// - Throws: when it does not start or never becomes ready.
    public init(config: String, readyTimeout: Duration = .seconds(90)) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-am-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("data"), withIntermediateDirectories: true)
        try config.write(to: directory.appendingPathComponent("am.yml"), atomically: true, encoding: .utf8)
        reservation = try PortReservation()
        port = reservation.port
        let log = directory.appendingPathComponent("am.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = try ChildProcess.start(
            [
                Self.binary, "--config.file=\(directory.path)/am.yml", "--storage.path=\(directory.path)/data",
                "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address=",
                "--web.external-url=http://127.0.0.1:\(port)", "--log.level=debug",
            ],
            stdoutFile: log.path, stderrFile: log.path)
        self.process = process
        let client = CurlHTTPClient()
        let deadline = ContinuousClock.now + readyTimeout
        while ContinuousClock.now < deadline {
            if let response = try? await client.send(HTTPRequest(url: url + "/-/ready", timeout: .seconds(1))),
               response.status == 200 {
                return
            }
            // Waiting for an external process to come up: no clock to inject here.
            try await Task.sleep(for: .milliseconds(100))
        }
        process.stop()
        throw ChildProcessError(message: "alertmanager did not become ready on \(url): \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
    }

    deinit { stop() }

    /// Stops the process and removes its directory.
    public func stop() {
        process.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// `GET /api/v2/alerts` as parsed JSON objects.
    public func alerts() async throws -> [[String: Any]] {
        let response = try await CurlHTTPClient().send(HTTPRequest(url: url + "/api/v2/alerts"))
        return (try JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: Any]]) ?? []
    }
}
