@testable import Daemon
import Foundation
import Testing
import TestSupport

/// `/api/v1/metadata` answered by binwatch and by the real Prometheus 2.42 scraping the same
/// two pages (a local `python3 -m http.server`): the same metric names, and for each the same
/// set of type, help and unit; `metric`, `limit` and a bad `limit` as Prometheus answers them.
@Suite(.serialized) struct MetadataDifferentialTests {
    static let prometheus = "/usr/bin/prometheus"

    /// Shared by both jobs: `jobs_total` has a different HELP on each page (two entries),
    /// `bins` the same (one entry).
    static let pageA = """
        # HELP jobs_total Jobs done <wms> & "more", a \\\\ and a\\nnewline.
        # TYPE jobs_total counter
        jobs_total 3
        # TYPE bins gauge
        bins 4
        # HELP helped only help
        helped 1
        # TYPE loose untyped
        loose 2
        bare 5
        # HELP quiet declared, no samples
        # TYPE quiet gauge
        # HELP lat Latency.
        # TYPE lat histogram
        lat_bucket{le="0.5"} 1
        lat_bucket{le="+Inf"} 2
        lat_sum 0.9
        lat_count 2
        # HELP rpc Calls, by quantile.
        # TYPE rpc summary
        rpc{quantile="0.5"} 0.2
        rpc_sum 3
        rpc_count 9

        """
    static let pageB = """
        # HELP jobs_total Jobs done on the putaway side.
        # TYPE jobs_total counter
        jobs_total 7
        # TYPE bins gauge
        bins 5
        # HELP only_b Ünïcode help ✓.
        # TYPE only_b gauge
        only_b 1

        """

    @Test func answersAsPrometheus242Does() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.prometheus) else {
            print("skipped: \(Self.prometheus) is not installed")
            return
        }
        let ws = try Workspace()
        defer { ws.remove() }
        try FileManager.default.createDirectory(atPath: ws.path("pages"), withIntermediateDirectories: true)
        try ws.write("pages/a", Self.pageA)
        try ws.write("pages/b", Self.pageB)
        let pages = try ChildProcess.start(
            ["python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", ws.path("pages")])
        defer { pages.stop() }
        // "Serving HTTP on 127.0.0.1 port 41234 (http://127.0.0.1:41234/) ..."
        let banner = try await pages.firstStdoutLine(timeout: pollingDeadline)
        let words = banner.split(separator: " ").map(String.init)
        let at = try #require(words.firstIndex(of: "port"), "no port in \(banner)")
        let port = try #require(at + 1 < words.count ? Int(words[at + 1]) : nil, "no port in \(banner)")
        let target = "127.0.0.1:\(port)"
        let jobs = [("wms", "/a"), ("putaway", "/b")].map { job, path in
            "  - job_name: \(job)\n    metrics_path: \(path)\n    static_configs: [{targets: [\"\(target)\"]}]\n"
        }.joined()

        try ws.write("prometheus.yml", "global:\n  scrape_interval: 2s\n  scrape_timeout: 2s\nscrape_configs:\n" + jobs)
        let reservation = try PortReservation()
        let server = try ChildProcess.start(
            [Self.prometheus, "--config.file=\(ws.path("prometheus.yml"))", "--storage.tsdb.path=\(ws.path("tsdb"))",
             "--web.listen-address=127.0.0.1:\(reservation.port)"],
            stdoutFile: "/dev/null", stderrFile: "/dev/null")
        defer { server.stop(); withExtendedLifetime(reservation) {} }
        let theirs = "http://127.0.0.1:\(reservation.port)/api/v1/metadata"

        try ws.write("binwatch.yml", "global:\n  evaluation_interval: 1s\nsources:\n  scrape:\n"
            + jobs.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n")
        let daemon = try await LiveDaemon.start(Scheduler(try ws.load()))
        defer { daemon.stop() }

        // Both have scraped both pages once every name of both pages is listed.
        let expectedNames: Set<String> = ["jobs_total", "bins", "helped", "loose", "quiet", "lat", "rpc", "only_b"]
        var prometheusAll: [String: Set<String>] = [:]
        let scraped = try await eventually {
            prometheusAll = (try? await Self.metadata(theirs)) ?? [:]
            let ours = daemon.scheduler.readView.load().metadata
            let ourNames = Set(ours.values.flatMap { $0.map(\.metric) })
            return Set(prometheusAll.keys) == expectedNames && ourNames == expectedNames
        }
        try #require(scraped, "not both scraped: Prometheus lists \(prometheusAll.keys.sorted())")

        let sources = daemon.scheduler.readView.load().metadata
        let ours = { (query: String) throws -> (Int, [String: Set<String>]?, String) in
            let (status, body) = MetadataAPI.response(RequestParameters(query: query), sources: sources)
            return (status, try Self.decode(Data(body.utf8)), body)
        }
        let (status, all, _) = try ours("")
        #expect(status == 200)
        #expect(all == prometheusAll)
        #expect(all?["jobs_total"]?.count == 2)
        #expect(all?["bins"]?.count == 1)
        #expect(all?["bare"] == nil)

        for name in ["jobs_total", "lat", "quiet", "nothing", "lat_bucket"] {
            let (_, one, _) = try ours("metric=\(name)")
            #expect(one == (try await Self.metadata(theirs + "?metric=" + name)), "metric=\(name)")
        }
        // Go picks the names a limit keeps at random: compare how many, and each one's entries.
        for limit in ["0", "3", "-1", "%2B2", "100"] {
            let (_, some, _) = try ours("limit=\(limit)")
            let prometheusSome = try await Self.metadata(theirs + "?limit=" + limit)
            #expect(some?.count == prometheusSome.count, "limit=\(limit)")
            for (name, entries) in some ?? [:] { #expect(prometheusAll[name] == entries, "limit=\(limit): \(name)") }
        }
        for limit in ["x", "1.5", "99999999999999999999", "+2"] {
            let (code, _, body) = try ours("limit=\(limit)")
            let (theirCode, theirBody) = try await LoopbackHTTP.get(theirs + "?limit=" + limit)
            #expect(code == theirCode, "limit=\(limit)")
            #expect(try Self.errorText(Data(body.utf8)) == Self.errorText(theirBody), "limit=\(limit)")
        }

        // Through the daemon's own endpoint: the pages' metadata and binwatch's own families.
        let (code, body) = try await daemon.request("/api/v1/metadata")
        #expect(code == 200)
        let served = try #require(try Self.decode(Data(body.utf8)))
        #expect(served["only_b"] == prometheusAll["only_b"])
        #expect(served["binwatch_cycle_duration_seconds"] != nil, "binwatch's own families are listed")
    }

    /// `data` as metric name -> set of `type|help|unit`, or nil for an error answer.
    static func decode(_ body: Data) throws -> [String: Set<String>]? {
        let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        guard json["status"] as? String == "success" else { return nil }
        let data = try #require(json["data"] as? [String: [[String: String]]])
        return data.mapValues { entries in
            Set(entries.map { "\($0["type"] ?? "?")|\($0["help"] ?? "?")|\($0["unit"] ?? "?")" })
        }
    }

    static func errorText(_ body: Data) throws -> String {
        let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        return "\(json["errorType"] ?? "?"): \(json["error"] ?? "?")"
    }

    static func metadata(_ url: String) async throws -> [String: Set<String>] {
        let (_, body) = try await LoopbackHTTP.get(url)
        return try #require(try decode(body))
    }
}
