import Foundation
import TestSupport

/// A real `prometheus-node-exporter` with only the textfile collector, on a free loopback port.
final class NodeExporterHarness {
    static let binary = "/usr/bin/prometheus-node-exporter"
    static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    let directory: String
    let port: Int
    private let process: RunningChild

    init(directory: String) throws {
        self.directory = directory
        self.port = try FreePort.find()
        process = try ChildProcess.start([
            Self.binary, "--collector.disable-defaults", "--collector.textfile",
            "--collector.textfile.directory=\(directory)",
            "--web.listen-address=127.0.0.1:\(port)", "--web.disable-exporter-metrics",
        ])
        // Wait for the listener: the process gives no readiness signal but the socket.
        for _ in 0..<100 {
            if (try? scrape()) != nil { return }
            usleep(50_000)
        }
        stop()
        throw HarnessError(message: "node_exporter did not start listening on 127.0.0.1:\(port): \(process.readStderr())")
    }

    deinit { stop() }

    func stop() {
        process.terminate()
    }

    /// GET /metrics with curl (present on the machine; URLSession's Linux stack adds nothing here).
    func scrape() throws -> String {
        let curl = try ChildProcess.run(
            ["/usr/bin/curl", "-sf", "--max-time", "5", "http://127.0.0.1:\(port)/metrics"], timeout: .seconds(30))
        guard curl.status == 0 else { throw HarnessError(message: "curl exited \(curl.status)") }
        return curl.stdout
    }

    struct HarnessError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
