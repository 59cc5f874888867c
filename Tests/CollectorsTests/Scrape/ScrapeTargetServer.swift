import Foundation
import TestSupport

/// Loopback scrape targets (Fixtures/scrape_test_server.py) run through TestSupport's
/// `ChildProcess`, serving the pages written into its directory. `stop()` (or deinit)
/// terminates it, and the server exits by itself when this process dies.
final class ScrapeTargetServer {
    let port: Int
    let pages: URL
    private let process: RunningChild

    init() async throws {
        let script = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/scrape_test_server.py")
        pages = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-scrape-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        let process = try ChildProcess.start(["python3", "-u", script.path, pages.path])
        let text = try await process.firstStdoutLine().trimmingCharacters(in: .whitespacesAndNewlines)
        guard let port = Int(text) else {
            process.stop()
            throw ChildProcessError(message: "scrape test server did not print its port; got \(text.debugDescription)")
        }
        self.port = port
        self.process = process
    }

    /// `127.0.0.1:<port>`, a static target.
    var address: String { "127.0.0.1:\(port)" }

    /// Serves `text` at `/pages/<name>`.
    func page(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: pages.appendingPathComponent("\(name).prom"))
    }

    /// Stops the server and waits until it has exited: connections are then refused.
    func shutDown() async {
        await process.terminated()
        try? FileManager.default.removeItem(at: pages)
    }

    /// Stops the server without waiting (for `defer`).
    func stop() {
        process.stop()
        try? FileManager.default.removeItem(at: pages)
    }

    deinit { stop() }
}
