@testable import Daemon
import Foundation
import Model
import Testing
import TestSupport

/// `query:`'s limits over HTTP with Prometheus's texts and status codes, lifecycle
/// endpoints off by default, and a query cancelled when its client goes away.
@Suite(.serialized) struct QueryLimitsTests {
    func daemon(_ ws: Workspace, query: String) async throws -> LiveDaemon {
        try await LiveDaemon.start(in: ws, extra: "query: \(query)")
    }

    @Test func resolutionSamplesAndLifecycle() async throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let daemon = try await daemon(ws, query: "{max_samples: 100}")
        defer { daemon.stop() }
        let now = daemon.scheduler.now().milliseconds / 1000

        // 11,000 points per series pass; 11,001 do not.
        let ok = try await daemon.request("/api/v1/query_range?query=1&start=\(now - 11_000)&end=\(now)&step=1")
        #expect(ok.0 == 200)
        let over = try await daemon.request("/api/v1/query_range?query=1&start=\(now - 11_001)&end=\(now)&step=1")
        #expect(over.0 == 400)
        #expect(over.1.contains("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)"))
        let backwards = try await daemon.request("/api/v1/query_range?query=1&start=\(now)&end=\(now - 1)&step=1")
        #expect(backwards == (400, #"{"status":"error","errorType":"bad_data","error":"invalid parameter \"end\": end timestamp must not be before start time"}"#))

        // A window of 864,000 points exceeds max_samples: 100; 100 points do not.
        let samples = try await daemon.request(
            "/api/v1/query?query=\(QueryIsolationTests.encoded("count_over_time(vector(1)[1d:100ms])"))")
        let fits = try await daemon.request("/api/v1/query?query=\(QueryIsolationTests.encoded("count_over_time(vector(1)[100s:1s])"))")
        #expect(fits.0 == 200 && fits.1.contains(#""100"]"#), "\(fits)")
        #expect(samples == (422, #"{"status":"error","errorType":"execution","error":"query processing would load too many samples into memory in query execution"}"#))

        // Lifecycle endpoints answer 403 as Prometheus without --web.enable-lifecycle.
        #expect(try await daemon.request("/-/reload", method: "POST") == (403, "Lifecycle API is not enabled."))
        #expect(try await daemon.request("/-/reload", method: "PUT") == (403, "Lifecycle API is not enabled."))
        let (_, metrics) = try await daemon.request("/metrics")
        #expect(metrics.contains("binwatch_http_queries_total{outcome=\"too_many_samples\"} 1"))
        #expect(metrics.contains("binwatch_http_queries_total{outcome=\"rejected\"} 2"))
        #expect(metrics.contains("binwatch_engine_queries_concurrent_max 20"))
    }

    /// A query whose client hangs up stops at once, not at its (ten-minute) timeout.
    @Test func clientDisconnectCancelsTheQuery() async throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let daemon = try await daemon(ws, query: "{timeout: 10m}")
        defer { daemon.stop() }
        let url = daemon.base + "/api/v1/query?query=" + QueryIsolationTests.encoded(QueryIsolationTests.pathological)
        // curl gives up after 2 s and closes its connection.
        let curl = try await ChildProcess.run(["curl", "-s", "--max-time", "2", url], timeout: .seconds(120))
        #expect(curl.status == 28, "curl: \(curl.status) \(curl.stderr)")
        var last = ""
        do {
            try await LiveDaemon.waitFor("the query to be cancelled") {
                last = try await daemon.request("/metrics").1
                return last.contains("binwatch_http_queries_total{outcome=\"canceled\"} 1")
            }
        } catch {
            Issue.record("query metrics: \(last.split(separator: "\n").filter { $0.contains("quer") }.joined(separator: "; "))")
            throw error
        }
        #expect(daemon.scheduler.queries.load.running == 0)
    }

    /// A short `timeout` parameter cuts a query as Prometheus's does.
    @Test func timeoutParameter() async throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let daemon = try await daemon(ws, query: "{}")
        defer { daemon.stop() }
        let path = "/api/v1/query?timeout=1s&query=" + QueryIsolationTests.encoded(QueryIsolationTests.pathological)
        #expect(try await daemon.request(path) == (503, #"{"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"}"#))
        let bad = try await daemon.request("/api/v1/query?query=1&timeout=soon")
        #expect(bad == (400, #"{"status":"error","errorType":"bad_data","error":"invalid parameter \"timeout\": cannot parse \"soon\" to a valid duration"}"#))
    }
}
