public import Foundation
import TestSupport

/// A real `prometheus-node-exporter` with only the textfile collector, on a free loopback
/// port (shared by the Exposition and Daemon tests).
public final class NodeExporterHarness {
    public static let binary = "/usr/bin/prometheus-node-exporter"
    /// Whether the Debian package is installed (tests are skipped otherwise).
    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    /// The textfile directory it reads.
    public let directory: String
    /// Its loopback port.
    public let port: Int
    private let process: RunningChild
    /// Keeps the port node_exporter's for its whole life (see PortReservation).
    private let reservation: PortReservation

    /// Starts node_exporter reading `directory` and waits until it answers.
    public init(directory: String) async throws {
        self.directory = directory
        reservation = try PortReservation()
        self.port = reservation.port
        process = try ChildProcess.start([
            Self.binary, "--collector.disable-defaults", "--collector.textfile",
            "--collector.textfile.directory=\(directory)",
            "--web.listen-address=127.0.0.1:\(port)", "--web.disable-exporter-metrics",
        ])
        // Wait for the listener: the process gives no readiness signal but the socket. The
        // deadline only bounds a failure (a loaded machine starts it slowly).
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline, process.isRunning {
            if (try? await scrape()) != nil { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        stop()
        throw HarnessError(message: "node_exporter did not start listening on 127.0.0.1:\(port): \(process.readStderr())")
    }

    deinit { stop() }

    /// Stops the process (also done on deinit).
    public func stop() {
        process.stop()
    }

    /// GET /metrics with curl (present on the machine; URLSession's Linux stack adds nothing here).
    public func scrape() async throws -> String {
        let curl = try await ChildProcess.run(
            ["/usr/bin/curl", "-sf", "--max-time", "5", "http://127.0.0.1:\(port)/metrics"], timeout: .seconds(30))
        guard curl.status == 0 else { throw HarnessError(message: "curl exited \(curl.status)") }
        return curl.stdout
    }

    /// Why node_exporter could not be used.
    public struct HarnessError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}
