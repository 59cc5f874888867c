public import Foundation

/// A real `prometheus-node-exporter` with only the textfile collector, on a free loopback port.
public final class NodeExporterHarness {
    public static let binary = "/usr/bin/prometheus-node-exporter"
    /// Whether the Debian package is installed (tests are skipped otherwise).
    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    /// The textfile directory it reads.
    public let directory: String
    /// Its loopback port.
    public let port: Int
    private let process = Process()

    /// Starts node_exporter reading `directory` and waits until it answers.
    public init(directory: String) throws {
        self.directory = directory
        self.port = try Self.freePort()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = [
            "--collector.disable-defaults", "--collector.textfile",
            "--collector.textfile.directory=\(directory)",
            "--web.listen-address=127.0.0.1:\(port)", "--web.disable-exporter-metrics",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait for the listener: the process gives no readiness signal but the socket.
        for _ in 0..<100 {
            if (try? scrape()) != nil { return }
            usleep(50_000)
        }
        stop()
        throw HarnessError(message: "node_exporter did not start listening on 127.0.0.1:\(port)")
    }

    deinit { stop() }

    /// Stops the process (also done on deinit).
    public func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// GET /metrics with curl (present on the machine; URLSession's Linux stack adds nothing here).
    public func scrape() throws -> String {
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-sf", "--max-time", "5", "http://127.0.0.1:\(port)/metrics"]
        let out = Pipe()
        curl.standardOutput = out
        curl.standardError = FileHandle.nullDevice
        try curl.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        curl.waitUntilExit()
        guard curl.terminationStatus == 0 else { throw HarnessError(message: "curl exited \(curl.terminationStatus)") }
        return String(decoding: data, as: UTF8.self)
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw HarnessError(message: "socket failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw HarnessError(message: "bind failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw HarnessError(message: "getsockname failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Why node_exporter could not be used.
    public struct HarnessError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}
