@testable import Daemon
import Exposition
import Foundation
import Model
import NodeExporterTesting
import PostgresTesting
import Rules
import Testing

/// examples/binwatch.yml and rules/ against a real PostgreSQL holding the example warehouse,
/// the scheduler stepped cycle by cycle (30s, the example's interval) on an injected clock.
/// The SQL collectors read the database's own `now()`, so the warehouse's 40-minute-old
/// FAC-03 cache stays stale whatever the injected time.
@Suite(.serialized) struct ExampleWarehouseTests {
    typealias W = ExampleWarehouse

    /// rules/cache.yml: BinUtilizationCacheStale (> 1800 s, for 5m) for FAC-03 is pending from
    /// the wms-cache group's first evaluation and fires at exactly its 11th (first + 5m); the
    /// textfile passes binwatch's textfile parser and a real node_exporter; the health JSON
    /// says UNHEALTHY because of the cache; a restart keeps the alert firing with its firedAt
    /// and sends nothing until the regular resend.
    @Test func staleCacheFiresOnTimeAndSurvivesARestart() async throws {
        let warehouse = try await W.start()
        defer { warehouse.stop() }
        let firstSink = RecordingAlertSink()
        let first = Scheduler(try warehouse.load(), clock: ManualClock(t0), timeoutClock: PatientClock(), alertSink: firstSink)
        #expect(await first.openState().isEmpty)
        let slot = try #require(await first.firstSlot(ofGroup: "wms-cache", after: t0))
        #expect(slot > t0 && slot <= W.cycle(1))

        await first.runDue(at: W.cycle(0))
        #expect(await first.alert("BinUtilizationCacheStale") == nil, "no group evaluated before its first slot")
        for k: Int64 in 1...11 {
            await first.runDue(at: W.cycle(k))
            let alert = try #require(await first.alert("BinUtilizationCacheStale", facility: "FAC-03"), "cycle \(k)")
            #expect(alert.activeAt == slot, "cycle \(k)")
            #expect(alert.state == (k <= 10 ? .pending : .firing), "cycle \(k)")
            #expect(await first.alert("BinUtilizationCacheStale", facility: "FAC-01") == nil, "cycle \(k)")
        }
        let fired = slot + PromDuration(seconds: 300)
        #expect(await first.alert("BinUtilizationCacheStale", facility: "FAC-03")?.firedAt == fired)
        #expect(await firstSink.sent.filter { $0.rule == "BinUtilizationCacheStale" }.map(\.at) == [fired])

        try await checkTextfile(warehouse)
        try await checkHealth(first, warehouse)

        // Restart: a new scheduler over the same state file. Its first evaluation of the group
        // (one slot later, as Prometheus starts a group one interval after start-up) finds the
        // alert firing with the same times; the resend delay (1m, strict) counts from the
        // saved lastSentAt, so nothing is sent then, and the next send is the regular resend.
        let secondSink = RecordingAlertSink()
        let second = Scheduler(try warehouse.load(), clock: ManualClock(W.cycle(12)), timeoutClock: PatientClock(), alertSink: secondSink)
        #expect(await second.openState().isEmpty)
        await second.runDue(at: W.cycle(12))
        await second.runDue(at: W.cycle(13))
        let restored = try #require(await second.alert("BinUtilizationCacheStale", facility: "FAC-03"))
        #expect(restored.state == .firing)
        #expect(restored.activeAt == slot)
        #expect(restored.firedAt == fired)
        #expect(await secondSink.sent.filter { $0.rule == "BinUtilizationCacheStale" }.isEmpty)
        await second.runDue(at: W.cycle(14))
        let resent = await secondSink.sent.filter { $0.rule == "BinUtilizationCacheStale" }
        #expect(resent.map(\.at) == [slot + PromDuration(seconds: 390)])
        #expect(resent.first?.alert.firedAt == fired)
    }

    /// The database stopped mid-run: pg_up drops to 0 in the next gathering, the health check
    /// database_connection turns UNHEALTHY, and rules/platform.yml's DatabaseConnectionFailed
    /// (pg_up == 0, for 1m) is pending from the first wms-platform evaluation that sees it and
    /// fires one minute later.
    @Test func databaseStoppedMidRun() async throws {
        let warehouse = try await W.start()
        defer { warehouse.stop() }
        let scheduler = Scheduler(try warehouse.load(), clock: ManualClock(t0), timeoutClock: PatientClock())
        for k: Int64 in 0...2 { await scheduler.runDue(at: W.cycle(k)) }
        #expect(try textfileValue(warehouse, "pg_up") == 1)
        #expect(await scheduler.alert("DatabaseConnectionFailed") == nil)

        try await warehouse.server.stopServer()
        await scheduler.runDue(at: W.cycle(3))
        #expect(try textfileValue(warehouse, "pg_up") == 0)
        let health = try #require(await scheduler.currentHealth())
        #expect(health.checks.first { $0.name == "database_connection" }?.status == .unhealthy)
        #expect(health.status == .unhealthy)

        // The first wms-platform slot at or after the gathering that saw the outage.
        var expectedActive = try #require(await scheduler.firstSlot(ofGroup: "wms-platform", after: t0))
        while expectedActive < W.cycle(3) { expectedActive = expectedActive + PromDuration(seconds: W.interval) }
        await scheduler.runDue(at: W.cycle(4))
        let pending = try #require(await scheduler.alert("DatabaseConnectionFailed"))
        #expect(pending.state == .pending)
        #expect(pending.activeAt == expectedActive)
        for k: Int64 in 5...6 { await scheduler.runDue(at: W.cycle(k)) }
        let firing = try #require(await scheduler.alert("DatabaseConnectionFailed"))
        #expect(firing.state == .firing)
        #expect(firing.firedAt == expectedActive + PromDuration(seconds: 60))
    }

    // MARK: Checks

    /// The textfile parses as a node_exporter textfile and a real node_exporter serves it
    /// without a scrape error, with the firing alert and the health gauge in it.
    func checkTextfile(_ warehouse: ExampleWarehouse) async throws {
        let text = try String(contentsOfFile: warehouse.textfile, encoding: .utf8)
        let families = try TextParser(fileName: warehouse.textfile, textfile: true).parse(text)
        let alerts = try #require(families.first { $0.name == "ALERTS" })
        let stale = alerts.samples.first {
            $0.labels["alertname"] == "BinUtilizationCacheStale" && $0.labels["facility"] == "FAC-03"
        }
        #expect(stale?.labels["alertstate"] == "firing")
        #expect(stale?.value == 1)
        #expect(try textfileValue(warehouse, "bin_optimization_health_status", ["check": "cache_age"]) == 0)
        #expect(try textfileValue(warehouse, "pg_up") == 1)

        try #require(NodeExporterHarness.isInstalled, "prometheus-node-exporter is not installed at /usr/bin")
        let exporter = try await NodeExporterHarness(directory: warehouse.workspace.path("textfile"))
        defer { exporter.stop() }
        let scraped = try TextParser().parse(try await exporter.scrape())
        func value(_ name: String, _ labels: [String: String]) -> Double? {
            scraped.first { $0.name == name }?.samples.first { sample in labels.allSatisfy { sample.labels[$0.key] == $0.value } }?.value
        }
        #expect(value("node_textfile_scrape_error", [:]) == 0)
        #expect(value("ALERTS", ["alertname": "BinUtilizationCacheStale", "facility": "FAC-03", "alertstate": "firing"]) == 1)
        #expect(value("bin_optimization_health_status", ["check": "cache_age"]) == 0)
    }

    /// The health report: cache_age UNHEALTHY with FAC-03's age in minutes as psql computes
    /// it, database_connection HEALTHY, overall UNHEALTHY (exit code 2), and the JSON says so.
    func checkHealth(_ scheduler: Scheduler, _ warehouse: ExampleWarehouse) async throws {
        let health = try #require(await scheduler.currentHealth())
        let byName = Dictionary(health.checks.map { ($0.name, $0) }) { first, _ in first }
        let cache = try #require(byName["cache_age"])
        #expect(cache.status == .unhealthy)
        let minutes = try await warehouse.server.psql("""
            SELECT EXTRACT(EPOCH FROM now() - max(refreshed_at)) / 60 FROM cache_refresh_status
            WHERE facility_id = 'FAC-03' AND cache_name = 'bin_utilization_cache' AND success
            """, database: "wms")
        let expected = try #require(Double(minutes.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(abs((cache.value ?? 0) - expected) < 1, "cache_age \(cache.value ?? .nan) vs psql \(expected)")
        #expect(cache.message.hasPrefix("Cache age at FAC-03: "))
        #expect(byName["database_connection"]?.status == .healthy)
        #expect(byName["database_connection"]?.value == 1)
        #expect(health.status == .unhealthy)
        #expect(health.status.exitCode == 2)
        #expect(health.json.hasPrefix("{\"status\":\"UNHEALTHY\",\"checks\":{\"cache_age\":{\"status\":\"UNHEALTHY\""))
    }

    /// The value of one series in the textfile the scheduler wrote last.
    func textfileValue(_ warehouse: ExampleWarehouse, _ name: String, _ labels: [String: String] = [:]) throws -> Double? {
        let text = try String(contentsOfFile: warehouse.textfile, encoding: .utf8)
        let families = try TextParser(textfile: true).parse(text)
        return families.first { $0.name == name }?.samples.first { sample in
            sample.labels.count == labels.count && labels.allSatisfy { sample.labels[$0.key] == $0.value }
        }?.value
    }
}
