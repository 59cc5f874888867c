@testable import Daemon
import Foundation
import Model
import Rules
import Testing

/// Issue 16's proof: readers never hold up alerting. A running daemon on the real clock
/// (1 s cycles) takes a pathological query that runs to its timeout, the unbounded range
/// query from the issue, and 100 concurrent clients, while an alert becomes due; the alert
/// must still be handed to the notifier within one cycle of its due time.
@Suite(.serialized) struct QueryIsolationTests {
    static let rules = """
        groups:
          - name: wms
            rules:
              - alert: BinCacheStale
                expr: bin_utilization_cache_age_seconds > 900
                labels: {severity: critical}
        """
    /// Two nested week-long subqueries at 1 s over a point at every step (whatever the store
    /// holds): about 3.6e11 window reads, far beyond any timeout, so only a timeout or a
    /// cancellation can end it.
    static let pathological = "max_over_time(max_over_time(vector(1)[7d:1s])[7d:1s])"
    /// A query with real work (a day of 10 s points per evaluation) for the load clients.
    static let busy = "sum(max_over_time(bin_utilization_cache_age_seconds[1d:10s]))"

    static func encoded(_ query: String) -> String {
        query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? query
    }

    @Test func alertFiresOnTimeWhileReadersHammerTheAPI() async throws {
        try await LoadTurn.shared.run { try await self.alertFiresOnTimeWhileReadersHammerTheAPIAlone() }
    }

    func alertFiresOnTimeWhileReadersHammerTheAPIAlone() async throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let sink = RecordingAlertSink()
        // The slow queries must still run when the checks below look, however loaded the
        // machine: a timeout of 30 s leaves them all the room they need.
        let daemon = try await LiveDaemon.start(in: ws, extra: "query: {timeout: 30s}", alertSink: sink)
        let scheduler = daemon.scheduler
        defer { daemon.stop() }

        // Four queries that only the timeout ends, holding four evaluation threads.
        let slow = (0..<4).map { _ in
            Task { try await daemon.request("/api/v1/query?query=\(Self.encoded(Self.pathological))") }
        }
        try await LiveDaemon.waitFor("the slow queries to run") { scheduler.queries.load.running >= 4 }

        // 100 clients querying in a loop until the alert is out.
        let stop = CancelFlag()
        let clients = (0..<100).map { _ in
            Task {
                var statuses: Set<Int> = []
                var answered = 0
                while !stop.isSet {
                    guard let (status, _) = try? await daemon.request("/api/v1/query?query=\(Self.encoded(Self.busy))") else { break }
                    statuses.insert(status)
                    answered += 1
                }
                return (statuses, answered)
            }
        }

        // The issue's request is refused at once, with Prometheus's message, while the
        // slow queries still run.
        let (rangeStatus, rangeBody) = try await daemon.request(
            "/api/v1/query_range?query=bin_utilization_cache_age_seconds&start=0&end=2000000000&step=1")
        #expect(rangeStatus == 400)
        #expect(rangeBody == """
            {"status":"error","errorType":"bad_data","error":"exceeded maximum resolution of 11,000 points per timeseries. \
            Try decreasing the query resolution (?step=XX)"}
            """)
        #expect(slow.count == 4 && scheduler.queries.load.running >= 4, "the slow queries ended before the check")

        // The alert becomes due now; it must be handed out within one cycle of the first
        // gathering slot that sees the data (that slot is at most one cycle away).
        let due = scheduler.now()
        try ws.write("data.prom", "bin_utilization_cache_age_seconds{facility_id=\"F1\"} 1200\n")
        try await LiveDaemon.waitFor("the alert to be sent") { await !sink.sent.isEmpty }
        let sent = try #require(await sink.sent.first)
        #expect(sent.alert.labels["alertname"] == "BinCacheStale")
        #expect(sent.alert.state == .firing)
        #expect(sent.at.milliseconds <= due.milliseconds + 2_000, "sent at slot \(sent.at), \(sent.at.milliseconds - due.milliseconds) ms after due")
        #expect(scheduler.queries.load.running >= 1, "the load ended before the alert was sent")
        stop.set()

        // The slow queries ended at their timeout with Prometheus's error, not sooner.
        for task in slow {
            let (status, body) = try await task.value
            #expect(status == 503)
            #expect(body == #"{"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"}"#)
        }
        let (statuses, answered) = await LiveDaemon.tally(clients)
        #expect(statuses == [200], "load clients got \(statuses)")
        #expect(answered >= 100)
        let (_, metrics) = try await daemon.request("/metrics")
        #expect(metrics.contains("binwatch_http_queries_total{outcome=\"timeout\"} 4"))
        #expect(metrics.contains("binwatch_http_queries_total{outcome=\"rejected\"} 1"))
    }
}
