import Foundation
import Testing
import TestSupport

/// `binwatch collect` with a scrape target (Python's own http.server on 127.0.0.1 serving a
/// page) and a putaway probe on the examples/probes fixture pair.
@Suite struct CollectScrapeProbeTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `python3 -m http.server` on a free loopback port, serving `directory`, run through
    /// TestSupport's `ChildProcess`.
    final class StaticServer {
        let process: RunningChild
        let port: Int

        init(directory: URL) async throws {
            process = try ChildProcess.start(
                ["python3", "-u", "-m", "http.server", "--bind", "127.0.0.1", "--directory", directory.path, "0"])
            // "Serving HTTP on 127.0.0.1 port 40123 (http://127.0.0.1:40123/) ..."
            let text = try await process.firstStdoutLine()
            let words = text.split(separator: " ")
            guard let at = words.firstIndex(of: "port"), at + 1 < words.count, let port = Int(words[at + 1]) else {
                process.stop()
                throw ChildProcessError(message: "http.server did not print its port; got \(text.debugDescription)")
            }
            self.port = port
        }

        deinit { process.stop() }
    }

    @Test func scrapeTargetsAndTheProbeArePrinted() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-collect-sp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("# TYPE wms_requests_total counter\nwms_requests_total{route=\"/graphql\"} 42\n".utf8)
            .write(to: directory.appendingPathComponent("metrics"))
        try Data("wms_broken{ 1\n".utf8).write(to: directory.appendingPathComponent("broken"))
        let server = try await StaticServer(directory: directory)
        let examples = Self.repository.appendingPathComponent("examples/probes").path
        let config = """
            sources:
              scrape:
                - job_name: graphql-api
                  scrape_timeout: 2s
                  static_configs: [{targets: ["127.0.0.1:\(server.port)"], labels: {tier: api}}]
                - job_name: broken
                  metrics_path: /broken
                  static_configs: [{targets: ["127.0.0.1:\(server.port)"]}]
              probes:
                putaway:
                  facility: FAC-01
                  algorithm: HYBRID
                  bins_file: \(examples)/bins.json
                  items_file: \(examples)/items.json
            """
        let path = directory.appendingPathComponent("binwatch.yml")
        try Data(config.utf8).write(to: path)
        let result = try await BinwatchProcess.run(["collect", "--config", path.path])
        let instance = "127.0.0.1:\(server.port)"
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("wms_requests_total{instance=\"\(instance)\",job=\"graphql-api\",route=\"/graphql\",tier=\"api\"} 42\n"))
        #expect(result.stdout.contains("up{instance=\"\(instance)\",job=\"graphql-api\",tier=\"api\"} 1\n"))
        #expect(result.stdout.contains("up{instance=\"\(instance)\",job=\"broken\"} 0\n"))
        #expect(result.stdout.contains("scrape_samples_scraped{instance=\"\(instance)\",job=\"graphql-api\",tier=\"api\"} 1\n"))
        #expect(result.stderr.contains("scrape job \"broken\", target \(instance): up 0: http://\(instance): invalid exposition at 1:"))
        #expect(result.stdout.contains("probe_success{algorithm=\"HYBRID\",facility=\"FAC-01\"} 1\n"))
        #expect(result.stdout.contains("putaway_probe_capacity_violations{algorithm=\"HYBRID\",facility=\"FAC-01\"} 0\n"))
        #expect(result.stdout.contains("putaway_probe_bins_rejected{algorithm=\"HYBRID\",facility=\"FAC-01\"} 1\n"))
        #expect(result.stdout.contains("batch_putaway_processing_time_ms_count{algorithm=\"HYBRID\",facility=\"FAC-01\"} 1\n"))
        #expect(result.stdout.contains("# TYPE putaway_recommendation_confidence_score histogram\n"))
        #expect(!result.stderr.contains("not collected"))
    }

    @Test func aBadProbeKeyIsExit1WithLineAndColumn() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-collect-sp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("binwatch.yml")
        try Data("sources:\n  probes:\n    putaway: {facility: F, algorithm: GREEDY, bins_file: b, items_file: i}\n".utf8).write(to: path)
        let result = try await BinwatchProcess.run(["collect", "--config", path.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(path.path):3:39: sources.probes.putaway.algorithm: expected FFD, BFD or HYBRID, found \"GREEDY\""))
    }
}
