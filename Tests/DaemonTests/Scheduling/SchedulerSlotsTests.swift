import PromQL
@testable import Daemon
import Foundation
import Model
import Rules
import Testing

/// The scheduler's slots come from Rules' `RuleGroup+Schedule` (one implementation of
/// Prometheus's per-group offset); these tests hold the daemon to it.
@Suite struct SchedulerSlotsTests {
    static func group(file: String, name: String) throws -> RuleGroup {
        let decoded = try RuleFileDecoder().decode("groups: [{name: \(name), rules: [{record: y, expr: x}]}]\n", path: file)
        return RuleGroup(try #require(decoded.groups.first), file: file, defaultInterval: PromDuration(seconds: 60))
    }

    /// Reference values of xxHash64 (seed 0).
    @Test(arguments: [("", 0xEF46_DB37_51D8_E999 as UInt64), ("a", 0xD24E_C4F1_A98C_6E5B), ("abc", 0x44BC_2CF5_AD77_0999),
                      ("Nobody inspects the spammish repetition", 0xFBCE_A83C_8A37_8BF1)])
    func xxhash(input: String, expected: UInt64) {
        #expect(XXHash64.hash(Array(input.utf8)) == expected)
    }

    @Test func slotsAreOnTheGroupsGrid() throws {
        let group = try Self.group(file: "rules/wms.yml", name: "wms")
        let offsetMs = group.slotOffsetNanoseconds / 1_000_000
        #expect(offsetMs < 60_000)
        let now = Timestamp(milliseconds: 1_700_000_000_000 + 12_345)
        let slot = group.evaluationTimestamp(for: now)
        #expect(slot <= now)
        #expect(now.milliseconds - slot.milliseconds < 60_000)
        #expect((slot.milliseconds - offsetMs) % 60_000 == 0)
        #expect(group.firstEvaluationTimestamp(after: now) == slot + PromDuration(seconds: 60))
    }

    /// The loop: gather now, then each group at its own slots, late slots skipped and counted.
    @Test func runDueFollowsTheSlots() async throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("data.prom", "x 1\n")
        try ws.write("rules/r.yml", "groups: [{name: g, rules: [{record: y, expr: x}]}]\n")
        try ws.writeConfig()
        let scheduler = Scheduler(try ws.load(), clock: ManualClock(t0), timeoutClock: PatientClock())
        await scheduler.runDue(at: t0)
        let first = try #require(await scheduler.groupStatuses().first)
        #expect(first.lastEvaluation == nil)
        let wake = try #require(await scheduler.nextWakeUp())
        let group = try Self.group(file: ws.path("rules/r.yml"), name: "g")
        #expect(wake == group.firstEvaluationTimestamp(after: t0))
        await scheduler.runDue(at: wake)
        #expect(await scheduler.groupStatuses().first?.lastEvaluation == wake)
        // Three intervals late: two slots are missed, the evaluation lands on the grid.
        let late = wake + PromDuration(seconds: 3 * 60 + 5)
        await scheduler.runDue(at: late)
        #expect(await scheduler.groupStatuses().first?.lastEvaluation == wake + PromDuration(seconds: 180))
        let out = try String(contentsOfFile: ws.path("out.prom"), encoding: .utf8)
        #expect(out.contains("binwatch_rule_group_iterations_missed_total{rule_group=\"\(ws.path("rules/r.yml"));g\"} 2"))
    }
}
