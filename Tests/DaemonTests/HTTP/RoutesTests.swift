@testable import Daemon
import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import Logging
import Model
import ServiceLifecycle
import Synchronization
import Testing
import TestSupport

/// The HTTP server on a real loopback socket.
@Suite struct RoutesTests {
    final class Port: Sendable {
        let value = Mutex<Int?>(nil)
    }

    func get(_ url: String, method: String = "GET", body: String? = nil) async throws -> (Int, String) {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.httpMethod = method
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        }
        let (status, data) = try await LoopbackHTTP.send(request)
        return (status, String(decoding: data, as: UTF8.self))
    }

    @Test func endpointsOverLoopback() async throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("rules/wms.yml", SchedulerTests.rules.replacingOccurrences(of: "for: 2m", with: "for: 0s"))
        try ws.write("data.prom", "bin_utilization_cache_age_seconds{facility_id=\"F1\"} 1200\n")
        try ws.writeConfig(extra: """
            health_checks:
              - {name: cacheAge, expr: 'max(facility:cache_age_minutes)', degraded_above: 15, unhealthy_above: 30, message: 'Cache age: {{ $value }} minutes'}
            web: {enable_lifecycle: true}
            """)
        let clock = ManualClock(t0)
        let scheduler = Scheduler(try ws.load(), clock: clock, timeoutClock: PatientClock())
        await scheduler.runOnce(at: t0)
        let port = Port()
        let service = try await HTTPService.make(
            scheduler: scheduler, loader: ConfigLoader(environment: [:]), address: "127.0.0.1:0", logger: Logger(label: "test"),
            onListening: { bound in port.value.withLock { $0 = bound } })
        let group = ServiceGroup(services: [service], logger: Logger(label: "test"))
        let running = Task { try await group.run() }
        defer { running.cancel() }
        var bound: Int?
        _ = try await eventually(every: .milliseconds(10)) {
            bound = port.value.withLock { $0 }
            return bound != nil
        }
        let base = "http://127.0.0.1:\(try #require(bound))"

        let (healthStatus, health) = try await get(base + "/api/wms/optimization/health")
        #expect(healthStatus == 200)
        #expect(health.hasPrefix("{\"status\":\"DEGRADED\",\"checks\":{\"cacheAge\":{\"status\":\"DEGRADED\",\"message\":\"Cache age: 20 minutes\",\"value\":20}}"))

        let (alertsStatus, alerts) = try await get(base + "/api/v1/alerts")
        #expect(alertsStatus == 200)
        #expect(alerts.contains("\"labels\":{\"alertname\":\"BinCacheDegraded\",\"facility_id\":\"F1\",\"severity\":\"warning\"}"))
        #expect(alerts.contains("\"state\":\"firing\""))
        #expect(alerts.contains("\"value\":\"2e+01\""))

        let (_, rules) = try await get(base + "/api/v1/rules")
        #expect(rules.contains("\"name\":\"BinCacheDegraded\""))
        #expect(rules.contains("\"type\":\"recording\""))
        #expect(rules.contains("\"health\":\"ok\""))

        let time = String(t0.milliseconds / 1000)
        let (_, query) = try await get(base + "/api/v1/query?query=facility:cache_age_minutes&time=\(time)")
        #expect(query == "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"__name__\":\"facility:cache_age_minutes\",\"facility_id\":\"F1\"},\"value\":[\(time),\"20\"]}]}}")
        let (postStatus, posted) = try await get(base + "/api/v1/query", method: "POST", body: "query=1%2B1&time=\(time)")
        #expect(postStatus == 200)
        #expect(posted.contains("\"resultType\":\"scalar\",\"result\":[\(time),\"2\"]"))
        let (badStatus, bad) = try await get(base + "/api/v1/query?query=sum(")
        #expect(badStatus == 400)
        #expect(bad.contains("\"errorType\":\"bad_data\""))
        let (rangeStatus, range) = try await get(
            base + "/api/v1/query_range?query=bin_utilization_cache_age_seconds&start=\(time)&end=\(Int(time)! + 60)&step=30")
        #expect(rangeStatus == 200)
        #expect(range.contains("\"values\":[[\(time),\"1200\"],[\(Int(time)! + 30),\"1200\"],[\(Int(time)! + 60),\"1200\"]]"))

        try await expectRulesTimed(base)
        try await expectAnnotations(base, scheduler: scheduler)

        #expect(try await get(base + "/-/healthy").0 == 200)
        #expect(try await get(base + "/-/ready").0 == 200)
        let (_, metrics) = try await get(base + "/metrics")
        #expect(metrics.contains("binwatch_config_last_reload_successful 1"))
        #expect(try await get(base + "/-/reload", method: "POST").0 == 200)
        try ws.write("rules/wms.yml", "groups: [{name: wms, rules: [{alert: X, expr: 'up >'}]}]\n")
        // Grafana's index endpoints, routed and answered off the event loop.
        #expect(try await get(base + "/api/v1/label/facility_id/values").1 == "{\"status\":\"success\",\"data\":[\"F1\"]}")
        let (labelsStatus, labels) = try await get(base + "/api/v1/labels", method: "POST", body: "match%5B%5D=ALERTS")
        #expect(labelsStatus == 200)
        #expect(labels.contains("\"alertstate\"") && labels.contains("\"facility_id\""))
        let (seriesStatus, series) = try await get(base + "/api/v1/series?match%5B%5D=facility:cache_age_minutes")
        #expect(seriesStatus == 200)
        #expect(series.contains("{\"__name__\":\"facility:cache_age_minutes\",\"facility_id\":\"F1\"}"))
        #expect(try await get(base + "/api/v1/status/buildinfo").1.contains("\"version\":\"2.42.0\""))
        #expect(try await get(base + "/api/v1/rules?type=alert").1.contains("BinCacheDegraded"))
        #expect(!(try await get(base + "/api/v1/rules?type=alert").1.contains("facility:cache_age_minutes\",\"query")))

        #expect(try await get(base + "/-/reload", method: "POST").0 == 500)
        #expect(try await get(base + "/metrics").1.contains("binwatch_config_last_reload_successful 0"))
        #expect(try await get(base + "/nope").0 == 404)
    }

    /// `/api/v1/rules` as Prometheus's: every rule evaluated has its own `evaluationTime`
    /// (seconds, a JSON number) and `lastEvaluation` (RFC 3339, when it ran on the
    /// scheduler's clock), and `health` "ok".
    func expectRulesTimed(_ base: String) async throws {
        let (status, body) = try await get(base + "/api/v1/rules")
        #expect(status == 200)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        #expect(json["status"] as? String == "success")
        let groups = try #require((json["data"] as? [String: Any])?["groups"] as? [[String: Any]])
        let rules = groups.flatMap { $0["rules"] as? [[String: Any]] ?? [] }
        #expect(rules.count == 2)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for rule in rules {
            let name = rule["name"] as? String ?? "?"
            #expect(rule["health"] as? String == "ok", "\(name)")
            let seconds = try #require(rule["evaluationTime"] as? Double, "\(name): evaluationTime is not a number")
            #expect(seconds > 0 && seconds < 60, "\(name): evaluationTime \(seconds)")
            let text = try #require(rule["lastEvaluation"] as? String)
            let date = try #require(formatter.date(from: text), "\(name): lastEvaluation \(text)")
            // The manual clock stands at t0: the rule ran at t0 plus the time the rules
            // before it took (a few milliseconds, bounded loosely).
            let ms = Int64((date.timeIntervalSince1970 * 1000).rounded())
            #expect(ms >= t0.milliseconds && ms < t0.milliseconds + 10_000, "\(name): lastEvaluation \(text)")
            let keys: Set<String> = rule["type"] as? String == "alerting"
                ? ["state", "name", "query", "duration", "keepFiringFor", "labels", "annotations", "alerts", "health",
                   "evaluationTime", "lastEvaluation", "type"]
                : ["name", "query", "labels", "health", "evaluationTime", "lastEvaluation", "type"]
            #expect(Set(rule.keys) == keys, "\(name)")
        }
    }

    /// `/api/v1/query` and `query_range` return the engine's annotations beside `data` as
    /// Prometheus's API does: `"infos":[…]` / `"warnings":[…]`, each message followed by
    /// the expression's position, and neither key when there is none.
    func expectAnnotations(_ base: String, scheduler: Scheduler) async throws {
        func encoded(_ query: String) -> String { query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
        // A second cycle, so rate() has two samples and an output (Prometheus raises the
        // possible-non-counter info only for series with output).
        await scheduler.runOnce(at: t0 + PromDuration(seconds: 30))
        let time = String(t0.milliseconds / 1000 + 30)
        let (status, body) = try await get(
            base + "/api/v1/query?query=" + encoded("rate(bin_utilization_cache_age_seconds[5m])") + "&time=\(time)")
        #expect(status == 200)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        #expect(json["status"] as? String == "success")
        #expect(json["warnings"] == nil)
        let info = "PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "
            + "\"bin_utilization_cache_age_seconds\" (1:6)"
        #expect(json["infos"] as? [String] == [info])
        // Keys in Prometheus's order: status, data, then warnings, infos.
        #expect(body.hasPrefix("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{"))
        #expect(body.hasSuffix("]},\"infos\":[\"PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: \\\"bin_utilization_cache_age_seconds\\\" (1:6)\"]}"))

        let (warnStatus, warned) = try await get(
            base + "/api/v1/query?query=" + encoded("quantile(2, bin_utilization_cache_age_seconds)") + "&time=\(time)")
        #expect(warnStatus == 200)
        let warnedJSON = try #require(try JSONSerialization.jsonObject(with: Data(warned.utf8)) as? [String: Any])
        #expect(warnedJSON["warnings"] as? [String] == ["PromQL warning: quantile value should be between 0 and 1, got 2 (1:10)"])
        #expect(warnedJSON["infos"] == nil)

        let sorted = "sort(bin_utilization_cache_age_seconds)"
        let (rangeStatus, range) = try await get(
            base + "/api/v1/query_range?query=" + encoded(sorted) + "&start=\(time)&end=\(Int(time)! + 60)&step=30")
        #expect(rangeStatus == 200)
        let rangeJSON = try #require(try JSONSerialization.jsonObject(with: Data(range.utf8)) as? [String: Any])
        #expect(rangeJSON["infos"] == nil)
        let warnings = try #require(rangeJSON["warnings"] as? [String])
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasPrefix("PromQL warning: sort is ineffective for range queries since results are always ordered by labels") == true)

        // No annotation: neither key.
        let (_, plain) = try await get(base + "/api/v1/query?query=bin_utilization_cache_age_seconds&time=\(time)")
        #expect(!plain.contains("\"warnings\"") && !plain.contains("\"infos\""))
    }
}
