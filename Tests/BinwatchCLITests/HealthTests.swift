import Foundation
import Testing

/// `binwatch health` exit codes as the seeds' health-check.sh (0/1/2), `binwatch run --once`
/// and `binwatch check config`, on the built binary.
@Suite struct HealthTests {
    func workspace(cacheAgeSeconds: Double) throws -> String {
        let dir = NSTemporaryDirectory() + "binwatch-health-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "bin_utilization_cache_age_seconds{facility_id=\"F1\"} \(cacheAgeSeconds)\n"
            .write(toFile: dir + "/data.prom", atomically: true, encoding: .utf8)
        try """
            sources:
              textfile: [{name: wms, path: \(dir)/data.prom}]
            health_checks:
              - name: cacheAge
                expr: max(bin_utilization_cache_age_seconds) / 60
                degraded_above: 15
                unhealthy_above: 30
                message: 'Cache age: {{ $value }} minutes'
            output: {textfile: \(dir)/out.prom}
            """.write(toFile: dir + "/binwatch.yml", atomically: true, encoding: .utf8)
        return dir
    }

    @Test(arguments: [(120.0, Int32(0), "HEALTHY"), (1200.0, 1, "DEGRADED"), (2400.0, 2, "UNHEALTHY")])
    func exitCodes(age: Double, code: Int32, status: String) async throws {
        let dir = try workspace(cacheAgeSeconds: age)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try await BinwatchProcess.run(["health", "--config", dir + "/binwatch.yml"])
        #expect(result.status == code)
        #expect(result.stdout.hasPrefix("{\"status\":\"\(status)\",\"checks\":{\"cacheAge\":{\"status\":\"\(status)\""))
        #expect(result.stdout.contains("\"message\":\"Cache age: \(Int(age / 60)) minutes\""))
        // `health` gathers but writes nothing.
        #expect(!FileManager.default.fileExists(atPath: dir + "/out.prom"))
    }

    @Test func missingDataIsUnhealthy() async throws {
        let dir = try workspace(cacheAgeSeconds: 1)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "# no samples\n".write(toFile: dir + "/data.prom", atomically: true, encoding: .utf8)
        let result = try await BinwatchProcess.run(["health", "--config", dir + "/binwatch.yml"])
        #expect(result.status == 2)
        #expect(result.stdout.contains("no data"))
    }

    @Test func runOnceWritesTheTextfile() async throws {
        let dir = try workspace(cacheAgeSeconds: 1200)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try await BinwatchProcess.run(["run", "--config", dir + "/binwatch.yml", "--once"])
        #expect(result.status == 0)
        let text = try String(contentsOfFile: dir + "/out.prom", encoding: .utf8)
        #expect(text.contains("bin_optimization_health_status{check=\"cacheAge\"} 1\n"))
        let check = try await BinwatchProcess.run(["check", "metrics", "--textfile", dir + "/out.prom"])
        #expect(check.status == 0)
    }

    @Test func checkConfigReportsPositions() async throws {
        let dir = try workspace(cacheAgeSeconds: 1)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "global:\n  evaluation_interval: often\nhealth_check: []\n".write(toFile: dir + "/bad.yml", atomically: true, encoding: .utf8)
        let bad = try await BinwatchProcess.run(["check", "config", dir + "/bad.yml"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("bad.yml:2:24: global.evaluation_interval: expected a duration"))
        #expect(bad.stderr.contains("bad.yml:3:1: health_check: expected one of the keys"))
        let good = try await BinwatchProcess.run(["check", "config", dir + "/binwatch.yml"])
        #expect(good.status == 0)
    }
}
