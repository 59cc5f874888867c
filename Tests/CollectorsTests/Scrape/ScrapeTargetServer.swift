import Foundation

/// Loopback scrape targets (Fixtures/scrape_test_server.py) run as a subprocess, serving
/// the pages written into its directory. It exits when stopped or when its stdin closes (this
/// process's exit), so no server outlives the test run.
final class ScrapeTargetServer {
    let port: Int
    let pages: URL
    private let process: Process
    private let stdin: Pipe

    init() throws {
        let script = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/scrape_test_server.py")
        pages = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-scrape-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, pages.path]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let port = Int(text) else {
            process.terminate()
            throw CocoaError(.fileReadCorruptFile)
        }
        self.port = port
        self.process = process
        self.stdin = stdin
    }

    /// `127.0.0.1:<port>`, a static target.
    var address: String { "127.0.0.1:\(port)" }

    /// Serves `text` at `/pages/<name>`.
    func page(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: pages.appendingPathComponent("\(name).prom"))
    }

    func stop() {
        // SIGKILL rather than only closing stdin: servers started by tests running in parallel
        // inherit each other's pipe ends, so one server's stdin may never reach EOF; and a child
        // spawned from a dispatch thread inherits its blocked signals, SIGTERM among them.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: pages)
    }

    deinit { stop() }
}
