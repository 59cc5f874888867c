import Foundation
import Testing

/// `binwatch check state`: reads the WAL two `run --once` wrote, prints what it holds, and
/// reports a torn tail with exit 1 without repairing it.
@Suite struct CheckStateTests {
    @Test func printsContentAndReportsDamageWithoutRepair() async throws {
        let dir = NSTemporaryDirectory() + "binwatch-check-state-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "wms_queue_depth{dock=\"d1\"} 3\nwms_queue_depth{dock=\"d2\"} 4\n".write(toFile: dir + "/data.prom", atomically: true, encoding: .utf8)
        try """
            global: {evaluation_interval: 1m}
            sources:
              textfile: [{name: wms, path: \(dir)/data.prom}]
            state: {path: \(dir)/state.sqlite}
            """.write(toFile: dir + "/binwatch.yml", atomically: true, encoding: .utf8)
        for _ in 0..<2 {
            let run = try await BinwatchProcess.run(["run", "--once", "--config", dir + "/binwatch.yml"])
            #expect(run.status == 0, "\(run.stderr)")
        }
        let ok = try await BinwatchProcess.run(["check", "state", dir + "/state.sqlite"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("WAL \(dir)/wal\n"))
        #expect(ok.stdout.contains("  segments: 2 (0...1)\n"))
        #expect(ok.stdout.contains("  checkpoint: none\n"))
        // Two gathering passes: the queue series twice each, among the self metrics.
        #expect(ok.stdout.contains("    2\twms_queue_depth\n"))
        #expect(ok.stdout.contains("source/wms=2"))

        let segment = dir + "/wal/00000001"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: segment))
        try bytes.dropLast(3).write(to: URL(fileURLWithPath: segment))
        let torn = try await BinwatchProcess.run(["check", "state", dir + "/wal"])
        #expect(torn.status == 1)
        #expect(torn.stderr.contains("torn tail:"))
        #expect(torn.stderr.contains("segment 1 unreadable at byte"))
        // Nothing repaired: the file keeps its torn length.
        #expect((try FileManager.default.attributesOfItem(atPath: segment)[.size] as? Int) == bytes.count - 3)
    }
}
