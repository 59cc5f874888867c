public import Foundation
import HTTPClient

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
    private let process: Process

    /// `http://127.0.0.1:port`.
    public var url: String { "http://127.0.0.1:\(port)" }

    /// Starts Alertmanager with `config` (alertmanager.yml text) and waits until `/-/ready`
    /// answers 200 (at most `readyTimeout`).
    /// - Throws: when it does not start or never becomes ready.
    public init(config: String, readyTimeout: Duration = .seconds(20)) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-am-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("data"), withIntermediateDirectories: true)
        try config.write(to: directory.appendingPathComponent("am.yml"), atomically: true, encoding: .utf8)
        port = freeLoopbackPort()
        let log = directory.appendingPathComponent("am.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = [
            "--config.file=\(directory.path)/am.yml", "--storage.path=\(directory.path)/data",
            "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address=",
            "--web.external-url=http://127.0.0.1:\(port)", "--log.level=debug",
        ]
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
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
        process.terminate()
        throw CocoaError(.executableLoad)
    }

    deinit { stop() }

    /// Stops the process and removes its directory.
    public func stop() {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: directory)
    }

    /// `GET /api/v2/alerts` as parsed JSON objects.
    public func alerts() async throws -> [[String: Any]] {
        let response = try await CurlHTTPClient().send(HTTPRequest(url: url + "/api/v2/alerts"))
        return (try JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: Any]]) ?? []
    }
}
