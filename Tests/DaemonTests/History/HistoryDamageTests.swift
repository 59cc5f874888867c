@testable import Daemon
import Foundation
import Model
import PromQL
import Testing

/// Damage found at start-up, through the daemon: never a refusal to start, the damaged
/// segment set aside, the torn tail truncated, both counted, the rest of history kept.
@Suite struct HistoryDamageTests {
    @Test func damagedSegmentsAreSetAsideAndCounted() async throws {
        let ws = try HistoryRestartTests().workspace()
        defer { ws.remove() }
        // Three runs of five cycles: each start opens a new segment (00000000 ... 00000002).
        for run in 0..<3 {
            let scheduler = Scheduler(try ws.load(), extraSources: [HistoryRestartTests.LinearCounter()], clock: ManualClock(at(Int64(run) * 10)))
            await scheduler.openState()
            for step in 0..<5 { await scheduler.runOnce(at: at(Int64(run * 5 + step) * 2)) }
        }
        let wal = ws.path("wal")
        #expect(try FileManager.default.contentsOfDirectory(atPath: wal).sorted() == ["00000000", "00000001", "00000002"])
        // A flipped byte in the middle segment, the last one cut 5 bytes short.
        var middle = try Data(contentsOf: URL(fileURLWithPath: wal + "/00000001"))
        middle[middle.count / 2] ^= 0xFF
        try middle.write(to: URL(fileURLWithPath: wal + "/00000001"))
        let last = try Data(contentsOf: URL(fileURLWithPath: wal + "/00000002"))
        try last.dropLast(5).write(to: URL(fileURLWithPath: wal + "/00000002"))

        let restarted = Scheduler(try ws.load(), extraSources: [HistoryRestartTests.LinearCounter()], clock: ManualClock(at(30)))
        await restarted.openState()
        let names = try FileManager.default.contentsOfDirectory(atPath: wal).sorted()
        #expect(names == ["00000000", "00000001.corrupt", "00000002", "00000003"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: wal + "/00000001.corrupt")) == middle)
        #expect((try FileManager.default.attributesOfItem(atPath: wal + "/00000002")[.size] as? Int ?? 0) < last.count - 5)
        let metrics = await restarted.metricsText()
        #expect(metrics.contains("binwatch_tsdb_wal_corruptions_total 2\n"))
        // Segment 0 (cycles 0-4), the start of segment 1 and segment 2 but its torn last batch.
        guard case .vector(let counted) = try await restarted.query("count_over_time(jobs_total[1h])", at: at(29)) else {
            Issue.record("not a vector")
            return
        }
        let samples = counted.first?.value ?? 0
        #expect(samples >= 9 && samples <= 14, "\(samples) samples of jobs_total replayed")
        // And it runs on.
        await restarted.runOnce(at: at(30))
        guard case .vector(let after) = try await restarted.query("count_over_time(jobs_total[1h])", at: at(30)) else { return }
        #expect(after.first?.value == samples + 1)
    }
}
