import Collectors
@testable import Daemon
import Exposition
import Foundation
import Model
import Rules
import Testing

@Suite struct SchedulerTests {
    static let rules = """
        groups:
          - name: wms
            rules:
              - record: facility:cache_age_minutes
                expr: bin_utilization_cache_age_seconds / 60
              - alert: BinCacheDegraded
                expr: facility:cache_age_minutes > 15
                for: 2m
                labels: {severity: warning}
                annotations: {summary: '{{ $labels.facility_id }} at {{ $value }}m'}
        """

    func workspace(age: Double = 1200) throws -> Workspace {
        let ws = try Workspace()
        try ws.write("rules/wms.yml", Self.rules)
        try ws.write("data.prom", "bin_utilization_cache_age_seconds{facility_id=\"F1\"} \(age)\n")
        try ws.writeConfig(extra: """
            health_checks:
              - {name: cacheAge, expr: 'max(facility:cache_age_minutes)', degraded_above: 15, unhealthy_above: 30}
            """)
        return ws
    }

    func alert(_ scheduler: Scheduler) async -> Alert? { await scheduler.activeAlerts().first }

    /// A recording rule's output is visible to the alert after it in the same group, `for`
    /// holds it pending for 2m, and the textfile carries ALERTS, the record and health.
    @Test func pendingThenFiringAndTextfile() async throws {
        let ws = try workspace()
        defer { ws.remove() }
        let scheduler = Scheduler(try ws.load(), clock: ManualClock(t0), timeoutClock: PatientClock())
        await scheduler.runOnce(at: at(0))
        #expect(await alert(scheduler)?.state == .pending)
        await scheduler.runOnce(at: at(60))
        #expect(await alert(scheduler)?.state == .pending)
        await scheduler.runOnce(at: at(120))
        let firing = try #require(await alert(scheduler))
        #expect(firing.state == .firing)
        #expect(firing.activeAt == at(0))
        #expect(firing.annotations["summary"] == "F1 at 20m")

        let text = try String(contentsOfFile: ws.path("out.prom"), encoding: .utf8)
        let families = try TextParser(textfile: true).parse(text)
        let byName = Dictionary(families.map { ($0.name, $0) }) { a, _ in a }
        #expect(byName["ALERTS"]?.samples.first?.labels["alertstate"] == "firing")
        #expect(byName["facility:cache_age_minutes"]?.samples.first?.value == 20)
        #expect(byName["bin_optimization_health_status"]?.samples.map(\.value) == [1, 1])
        // The overall series is check="overall", never a series without the label.
        let health = byName["bin_optimization_health_status"]?.samples ?? []
        #expect(health.first { $0.labels["check"] == "overall" }?.value == 1)
        #expect(health.allSatisfy { $0.labels["check"] != nil })
        #expect(byName["binwatch_rule_evaluations_total"]?.samples.first?.value == 3)
        #expect(!text.contains("ALERTS_FOR_STATE"))
    }

    /// Restart while pending: the saved activeAt is kept, so the alert fires on time.
    @Test func restartDuringPendingKeepsTheTimer() async throws {
        let ws = try workspace()
        defer { ws.remove() }
        let first = Scheduler(try ws.load(), clock: ManualClock(t0), timeoutClock: PatientClock())
        #expect(await first.openState().isEmpty)
        await first.runOnce(at: at(0))
        await first.runOnce(at: at(60))
        #expect(await alert(first)?.state == .pending)

        let second = Scheduler(try ws.load(), clock: ManualClock(at(120)), timeoutClock: PatientClock())
        await second.openState()
        await second.runOnce(at: at(120))
        let restored = try #require(await alert(second))
        #expect(restored.state == .firing)
        #expect(restored.activeAt == at(0))
    }

    /// Restart while firing: still firing, same firedAt, and no second page.
    @Test func restartDuringFiringDoesNotPageAgain() async throws {
        let ws = try workspace()
        defer { ws.remove() }
        let firstSink = RecordingAlertSink()
        let first = Scheduler(try ws.load(), clock: ManualClock(t0), timeoutClock: PatientClock(), alertSink: firstSink)
        await first.openState()
        for step: Int64 in [0, 60, 120] { await first.runOnce(at: at(step)) }
        #expect(await firstSink.sent.map(\.at) == [at(120)])

        let secondSink = RecordingAlertSink()
        let second = Scheduler(try ws.load(), clock: ManualClock(at(180)), timeoutClock: PatientClock(), alertSink: secondSink)
        await second.openState()
        await second.runOnce(at: at(180))
        let restored = try #require(await alert(second))
        #expect(restored.state == .firing)
        #expect(restored.firedAt == at(120))
        #expect(await secondSink.sent.isEmpty)
        // The resend cadence carries on from the saved lastSentAt (resend delay 1m, strict).
        await second.runOnce(at: at(240))
        #expect(await secondSink.sent.map(\.at) == [at(240)])
    }

    /// A state file that is not SQLite is reported, moved aside, and the daemon starts empty.
    @Test func corruptStateStartsEmpty() async throws {
        let ws = try workspace()
        defer { ws.remove() }
        try ws.write("state.sqlite", String(repeating: "not a database ", count: 100))
        let scheduler = Scheduler(try ws.load(), clock: ManualClock(t0), timeoutClock: PatientClock())
        let warnings = await scheduler.openState()
        #expect(!warnings.isEmpty)
        await scheduler.runOnce(at: at(0))
        #expect(await alert(scheduler)?.state == .pending)
        let reopened = try SQLiteStateStore(path: ws.path("state.sqlite")).load()
        #expect(reopened.alerts.count == 1)
        let aside = try FileManager.default.contentsOfDirectory(atPath: ws.dir).filter { $0.hasPrefix("state.sqlite.corrupt-") }
        #expect(aside.count == 1)
    }

    /// A reload with a broken rule file is rejected: the old rules keep running and the
    /// reload gauge reads 0 until a good reload.
    @Test func reloadWithBrokenRulesKeepsTheOldOnes() async throws {
        let ws = try workspace()
        defer { ws.remove() }
        let scheduler = Scheduler(try ws.load(), clock: ManualClock(t0), timeoutClock: PatientClock())
        await scheduler.runOnce(at: at(0))
        try ws.write("rules/wms.yml", "groups:\n  - name: wms\n    rules:\n      - alert: X\n        expr: 'up >'\n")
        let errors = await scheduler.reload(using: ConfigLoader(environment: [:]))
        #expect(errors?.ruleErrors.isEmpty == false)
        await scheduler.runOnce(at: at(60))
        #expect(await scheduler.groupStatuses().first?.rules.map(\.name) == ["facility:cache_age_minutes", "BinCacheDegraded"])
        #expect(await alert(scheduler)?.state == .pending)
        var text = try String(contentsOfFile: ws.path("out.prom"), encoding: .utf8)
        #expect(text.contains("binwatch_config_last_reload_successful 0"))

        try ws.write("rules/wms.yml", Self.rules.replacingOccurrences(of: "for: 2m", with: "for: 1m"))
        #expect(await scheduler.reload(using: ConfigLoader(environment: [:])) == nil)
        await scheduler.runOnce(at: at(120))
        // The changed group kept its alert (CopyState), so the shorter `for` fires it now.
        #expect(await alert(scheduler)?.state == .firing)
        text = try String(contentsOfFile: ws.path("out.prom"), encoding: .utf8)
        #expect(text.contains("binwatch_config_last_reload_successful 1"))
    }

    /// Series that vanish from a source get staleness markers, so the alert resolves.
    @Test func vanishedSeriesGoStale() async throws {
        let ws = try workspace()
        defer { ws.remove() }
        let scheduler = Scheduler(try ws.load(), clock: ManualClock(t0), timeoutClock: PatientClock())
        await scheduler.runOnce(at: at(0))
        try ws.write("data.prom", "# nothing\n")
        await scheduler.runOnce(at: at(60))
        #expect(await scheduler.activeAlerts().isEmpty)
        let health = try #require(await scheduler.currentHealth())
        #expect(health.status == .unhealthy)
        #expect(health.checks.first?.message.contains("no data") == true)
    }
}

/// A source that answers only when cancelled (a hung database).
struct HangingSource: Source {
    let name = "hung"
    func collect(at timestamp: Timestamp) async throws -> [MetricFamily] {
        try await Task.sleep(for: .seconds(3600))
        return []
    }
}

@Suite struct SlowSourceTests {
    @Test func aSlowSourceDoesNotStallTheCycle() async throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("data.prom", "x 1\n")
        try ws.write("rules/r.yml", "groups: [{name: g, rules: [{record: y, expr: x * 2}]}]\n")
        try ws.writeConfig(extra: "")
        var text = try String(contentsOfFile: ws.path("binwatch.yml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "evaluation_interval: 1m", with: "evaluation_interval: 5m\n  source_timeout: 1m")
        try ws.write("binwatch.yml", text)
        let scheduler = Scheduler(try ws.load(), extraSources: [HangingSource()], clock: ManualClock(t0))
        let started = ContinuousClock.now
        await scheduler.runOnce(at: at(0))
        // The hung source answers only after an hour: finishing well before that shows the
        // cycle did not wait for it. The timeout is a minute, so the textfile source answers
        // within it however long parallel tests hold the cooperative pool's two threads (5 s
        // was not enough once), and the bound is far from both outcomes.
        #expect(ContinuousClock.now - started < .seconds(300))
        let out = try String(contentsOfFile: ws.path("out.prom"), encoding: .utf8)
        #expect(out.contains("binwatch_source_up{source=\"hung\"} 0"))
        #expect(out.contains("binwatch_source_up{source=\"wms\"} 1"))
        #expect(out.contains("binwatch_source_timeouts_total{source=\"hung\"} 1"))
        #expect(out.contains("binwatch_cycles_slow_total 1"))
        #expect(out.contains("\ny 2\n"))
    }
}
