@testable import Daemon
import Exposition
import Foundation
import Model
import Testing

@Suite struct SelfMetricsTests {
    /// The counter's value as exported, or nil when the family is missing.
    static func exported(_ families: [MetricFamily], _ name: String) -> Double? {
        families.first { $0.name == name }?.samples.first?.value
    }

    @Test func textfileWriteFailuresAreExported() {
        var metrics = SelfMetrics()
        #expect(Self.exported(metrics.families(groups: []), "binwatch_textfile_write_failures_total") == 0)
        metrics.textfileWriteFailures = 3
        let families = metrics.families(groups: [])
        #expect(Self.exported(families, "binwatch_textfile_write_failures_total") == 3)
        #expect(families.first { $0.name == "binwatch_textfile_write_failures_total" }?.type == .counter)
    }

    /// A textfile that cannot be written (its folder is gone) is counted each cycle, and the
    /// count reaches the self metrics the next written textfile and /metrics carry.
    @Test func failedTextfileWritesAreCountedInTheSelfMetrics() async throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("rules/none.yml", "groups: []\n")
        try ws.write("data.prom", "bin_util 1\n")
        try ws.writeConfig()
        let config = try String(contentsOfFile: ws.path("binwatch.yml"), encoding: .utf8)
        try ws.write("binwatch.yml", config.replacingOccurrences(of: ws.path("out.prom"), with: ws.path("missing/out.prom")))
        let scheduler = Scheduler(try ws.load(), clock: ManualClock(t0), timeoutClock: PatientClock())
        await scheduler.runOnce(at: at(0))
        await scheduler.runOnce(at: at(60))
        let families = await scheduler.currentTextfileFamilies()
        #expect(Self.exported(families, "binwatch_textfile_write_failures_total") == 2)
        #expect(!FileManager.default.fileExists(atPath: ws.path("missing/out.prom")))
    }
}
