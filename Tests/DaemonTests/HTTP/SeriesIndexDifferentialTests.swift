@testable import Daemon
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Model
import PromQL
import Testing
import TestSupport

/// `/api/v1/labels`, `/api/v1/label/<name>/values`, `/api/v1/series` and `/api/v1/rules`'s
/// `type` filter answered by binwatch and by the real Prometheus 2.42 over the same data
/// (backfilled with `promtool tsdb create-blocks-from openmetrics`): the same status, the same
/// data, the same error type and text.
@Suite(.serialized) struct SeriesIndexDifferentialTests {
    static let prometheus = "/usr/bin/prometheus"
    static let promtool = "/usr/bin/promtool"
    /// Whole minutes, three hours ago, so the backfilled blocks are in the past.
    static let start = (Int64(Date().timeIntervalSince1970) / 3600 - 3) * 3_600_000

    /// Series over 2 h at 15 s; the `zone="z9"` ones stop after 40 minutes.
    static func data() -> [(Labels, [(Int64, Double)])] {
        var out: [(Labels, [(Int64, Double)])] = []
        for facility in ["north", "south"] {
            for zone in ["z1", "z2", "z9"] {
                let labels = Labels(["__name__": "bin_util", "facility": facility, "zone": zone])
                let minutes = zone == "z9" ? 40 : 120
                out.append((labels, (0..<(minutes * 4)).map { (start + Int64($0) * 15_000, Double($0 % 97) / 97) }))
            }
        }
        for job in ["wms", "putaway"] {
            let labels = Labels(["__name__": "jobs_total", "job": job, "instance": "127.0.0.1:\(job.count)"])
            out.append((labels, (0..<480).map { (start + Int64($0) * 15_000, Double($0 * 3)) }))
        }
        out.append((Labels(["__name__": "up", "job": "wms", "env": ""]), (0..<480).map { (start + Int64($0) * 15_000, 1) }))
        return out
    }

    static func openMetrics(_ data: [(Labels, [(Int64, Double)])]) -> String {
        var text = ""
        for name in Set(data.compactMap { $0.0.metricName }).sorted() {
            text += "# TYPE \(name) gauge\n"
            for (labels, samples) in data where labels.metricName == name {
                let rest = labels.filter { $0.name != "__name__" && !$0.value.isEmpty }
                let selector = rest.isEmpty ? "" : "{" + rest.map { "\($0.name)=\"\($0.value)\"" }.joined(separator: ",") + "}"
                for (t, v) in samples { text += "\(name)\(selector) \(v) \(Double(t) / 1000)\n" }
            }
        }
        return text + "# EOF\n"
    }

    @Test func answersAsPrometheus242Does() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.prometheus),
              FileManager.default.isExecutableFile(atPath: Self.promtool) else {
            print("skipped: \(Self.prometheus) or \(Self.promtool) is not installed")
            return
        }
        let data = Self.data()
        var store = SeriesStore()
        for (labels, samples) in data {
            // An empty label value is no label, as in Prometheus.
            let kept = Labels(labels.filter { !$0.value.isEmpty })
            for (t, v) in samples { try store.append(kept, timestamp: Timestamp(milliseconds: t), value: v) }
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-index-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("data.om")
        try Self.openMetrics(data).write(to: input, atomically: true, encoding: .utf8)
        let tsdb = dir.appendingPathComponent("tsdb").path
        let backfill = try await ChildProcess.run(
            [Self.promtool, "tsdb", "create-blocks-from", "openmetrics", input.path, tsdb], timeout: .seconds(300))
        try #require(backfill.status == 0, "promtool: \(backfill.stderr)")
        let config = dir.appendingPathComponent("prometheus.yml")
        try "global:\n  scrape_interval: 1h\n".write(to: config, atomically: true, encoding: .utf8)
        let reservation = try PortReservation()
        let server = try ChildProcess.start(
            [Self.prometheus, "--config.file=\(config.path)", "--storage.tsdb.path=\(tsdb)",
             "--storage.tsdb.retention.time=100y", "--web.listen-address=127.0.0.1:\(reservation.port)"],
            stdoutFile: "/dev/null", stderrFile: "/dev/null")
        defer { server.stop(); withExtendedLifetime(reservation) {} }
        let base = "http://127.0.0.1:\(reservation.port)"
        let ready = try await eventually { await LoopbackHTTP.isOK(base + "/-/ready") }
        try #require(ready, "Prometheus did not become ready")

        let seconds = { (minute: Int64) in String(Double(Self.start + minute * 60_000) / 1000) }
        // (path, query string) pairs; each is asked of both.
        let requests: [(String, String)] = [
            ("/api/v1/labels", ""),
            ("/api/v1/labels", "match[]=bin_util"),
            ("/api/v1/labels", "match[]=jobs_total&match[]=up"),
            ("/api/v1/labels", "match[]=%7Bzone%3D%22z1%22%7D"),
            ("/api/v1/labels", "match[]=%7Bzone%3D~%22.*%22%7D"),
            ("/api/v1/labels", "match[]=bin_util%7B"),
            ("/api/v1/labels", "start=yesterday"),
            ("/api/v1/label/zone/values", ""),
            ("/api/v1/label/__name__/values", ""),
            ("/api/v1/label/job/values", "match[]=up"),
            ("/api/v1/label/job/values", "match[]=up&match[]=jobs_total"),
            ("/api/v1/label/nothing/values", ""),
            ("/api/v1/label/1bad/values", ""),
            ("/api/v1/label/zone/values", "end=x"),
            ("/api/v1/series", "match[]=bin_util"),
            ("/api/v1/series", "match[]=bin_util%7Bfacility%3D%22north%22%7D&match[]=up"),
            ("/api/v1/series", "match[]=bin_util&start=\(seconds(60))&end=\(seconds(100))"),
            ("/api/v1/series", "match[]=bin_util&start=\(seconds(10))&end=\(seconds(20))"),
            ("/api/v1/series", "match[]=jobs_total&end=\(seconds(-60))"),
            ("/api/v1/series", ""),
            ("/api/v1/series", "match[]=%7Bfacility%3D~%22.*%22%7D"),
            ("/api/v1/series", "match[]=sum(bin_util)"),
        ]
        var compared = 0
        for (path, query) in requests {
            let theirs = try await Self.fetch(base + path + (query.isEmpty ? "" : "?" + query))
            let params = RequestParameters(query: query)
            let (status, body) = switch path {
            case "/api/v1/labels": SeriesIndexAPI.labelNames(params, store: store)
            case "/api/v1/series": SeriesIndexAPI.series(params, store: store)
            default: SeriesIndexAPI.labelValues(
                String(path.dropFirst("/api/v1/label/".count).dropLast("/values".count)), params, store: store)
            }
            let ours = try Self.canonical(status, Data(body.utf8))
            #expect(ours == theirs, "\(path)?\(query)")
            compared += 1
        }
        #expect(compared == requests.count)
    }

    /// Status, then the data sorted (the series API's order is the store's) or the error.
    static func canonical(_ status: Int, _ body: Data) throws -> String {
        let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        if json["status"] as? String != "success" {
            return "\(status) \(json["errorType"] ?? "?"): \(json["error"] ?? "?")"
        }
        let items = try #require(json["data"] as? [Any])
        let rendered = items.map { item -> String in
            if let text = item as? String { return text }
            let labels = item as? [String: String] ?? [:]
            return labels.keys.sorted().map { "\($0)=\(labels[$0] ?? "")" }.joined(separator: ",")
        }
        return "\(status) " + rendered.sorted().joined(separator: " | ")
    }

    static func fetch(_ url: String) async throws -> String {
        // Brackets are not allowed unencoded in a URL query; Foundation would otherwise encode
        // the whole query again.
        let encoded = url.replacingOccurrences(of: "[]", with: "%5B%5D")
        let (status, body) = try await LoopbackHTTP.get(encoded)
        return try canonical(status, body)
    }
}
