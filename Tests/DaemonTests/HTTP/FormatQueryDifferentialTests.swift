@testable import Daemon
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import ServiceLifecycle
import Synchronization
import Testing
import TestSupport

/// `/api/v1/format_query` asked of the real Prometheus 2.42 and of binwatch's HTTP server with
/// the same requests: every node kind, expressions long enough to split, 2.42's quirks and
/// parse errors. Status and body must be byte for byte the same. The same two servers also
/// answer `/api/v1/query` and `/api/v1/query_range` requests refused before evaluation: the
/// parameter checked first and the error text are 2.42's.
@Suite(.serialized) struct FormatQueryDifferentialTests {
    static let prometheus = "/usr/bin/prometheus"

    /// One expression per line of interest; the long ones wrap past 100 columns.
    static let expressions: [String] = [
        "sum by (job) (rate(http_requests_total[5m]))",
        "sum(rate(x[5m])) by (job,instance)",
        "sum without(instance)(x)",
        "topk(3, x)",
        "count_values(\"value\", up)",
        "quantile(0.9, x) by (le)",
        "a + on(job) group_left(version) b",
        "a * ignoring(instance) group_right b",
        "a * ignoring() group_left() b",
        "a > bool 1",
        "a and on() b unless c or d",
        "foo offset 5m",
        "foo offset -1h30m",
        "foo[5m] offset 1w",
        "foo @ 1603774568",
        "rate(foo[5m] @ end())",
        "max_over_time(rate(x[1m])[10m:] offset 1m)",
        "rate(foo[1h:5m] @ start())",
        "{a=\"b\", __name__=~\"f.*\", c!~\"d\"}",
        "-foo",
        "-2^2",
        "+(a - b)",
        "\"a\\nb\"",
        "'single'",
        "1e10",
        "0x1F + 1234567 - Inf",
        "-1.5e-7",
        "time() - timestamp(up)",
        """
        sum by (job, instance) (rate(http_requests_total{code=~"5..",handler!="/api/v1/query"}[5m])) \
        / sum by (job, instance) (rate(http_requests_total{handler!="/api/v1/query"}[5m])) > bool 0.05
        """,
        """
        histogram_quantile(0.99, sum by (le, job, instance, handler) \
        (rate(prometheus_http_request_duration_seconds_bucket{handler=~"/api/v1/.*"}[5m])))
        """,
        """
        max_over_time(deriv(rate(some_quite_long_metric_name_total{environment="production",service="checkout"}[5m])[30m:1m])[1h:5m])
        """,
        """
        -(sum by (facility) (bin_utilization_ratio{zone=~"z[0-9]+",facility!="test"}) \
        + sum by (facility) (bin_reserved_ratio{zone=~"z.*"}))
        """,
        """
        label_replace(up{job="node",instance=~"10\\\\.0\\\\..*"}, "host", "$1", "instance", "(.*):.*") \
        * on (instance) group_left (nodename) node_uname_info{nodename=~".+"}
        """,
        """
        topk(5, count_values("build_version", prometheus_build_info{instance=~"prometheus-[0-9]+.example.org:9090"}))
        """,
        // Parse and type errors.
        "",
        "sum(",
        "foo{",
        "rate(foo)",
        "foo offset",
        "1 +",
        "foo[5m",
        "a & b",
        "topk(x)",
        "sum by (x) (y) by (z)",
        "foo @ bar",
    ]

    /// Parse errors whose message binwatch's parser words as today's Prometheus does, not as
    /// 2.42 (the duration-expression grammar widened what an offset may be); same status, type
    /// and position.
    static let knownDifferences: [String: (prometheus242: String, binwatch: String)] = [
        "foo offset": (
            "1:11: parse error: unexpected end of input in offset, expected duration\"",
            "1:11: parse error: unexpected end of input in offset, expected number, duration, step(), or range()\""),
    ]

    @Test func answersAsPrometheus242Does() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.prometheus) else {
            print("skipped: \(Self.prometheus) is not installed")
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-fmtq-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("prometheus.yml")
        try "global:\n  scrape_interval: 1h\n".write(to: config, atomically: true, encoding: .utf8)
        let reservation = try PortReservation()
        let server = try ChildProcess.start(
            [Self.prometheus, "--config.file=\(config.path)", "--storage.tsdb.path=\(dir.appendingPathComponent("tsdb").path)",
             "--web.listen-address=127.0.0.1:\(reservation.port)"],
            stdoutFile: "/dev/null", stderrFile: "/dev/null")
        defer { server.stop(); withExtendedLifetime(reservation) {} }
        let theirs = "http://127.0.0.1:\(reservation.port)"

        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write("data.prom", "up 1\n")
        try ws.writeConfig()
        let scheduler = Scheduler(try ws.load(), clock: ManualClock(t0), timeoutClock: PatientClock())
        let port = Mutex<Int?>(nil)
        let service = try await HTTPService.make(
            scheduler: scheduler, loader: ConfigLoader(environment: [:]), address: "127.0.0.1:0", logger: Logger(label: "test"),
            onListening: { bound in port.withLock { $0 = bound } })
        let group = ServiceGroup(services: [service], logger: Logger(label: "test"))
        let running = Task { try await group.run() }
        defer { running.cancel() }
        var bound: Int?
        _ = try await eventually { bound = port.withLock { $0 }; return bound != nil }
        let ours = "http://127.0.0.1:\(try #require(bound))"

        let ready = try await eventually {
            (try? await Self.ask(theirs + "/-/ready", method: "GET"))?.status == 200
        }
        try #require(ready, "Prometheus did not become ready")

        // (method, query string, form body): every expression by GET, some by POST (body, or
        // URL and body where the body's value wins, as Go's FormValue), and no parameter at all.
        var requests: [(String, String, String?)] = Self.expressions.map { ("GET", "query=" + Self.encoded($0), nil) }
        requests += Self.expressions.prefix(4).map { ("POST", "", "query=" + Self.encoded($0)) }
        // Deep trees: nesting recurses (on a reader thread), and a long operator chain splits
        // at every level, each line indented deeper.
        let nested = String(repeating: "(", count: 300) + "sum(x)" + String(repeating: ")", count: 300)
        let chain = (0..<400).map { "some_metric_number_\($0)" }.joined(separator: " + ")
        requests += [("POST", "", "query=" + Self.encoded(nested)), ("POST", "", "query=" + Self.encoded(chain))]
        requests += [
            ("GET", "", nil),
            ("POST", "", ""),
            ("POST", "query=" + Self.encoded("sum("), "query=" + Self.encoded("a+b")),
            ("GET", "query=a&query=" + Self.encoded("b{"), nil),
        ]
        var compared = 0
        for (method, query, body) in requests {
            let path = "/api/v1/format_query" + (query.isEmpty ? "" : "?" + query)
            let expected = try await Self.ask(theirs + path, method: method, body: body)
            let answered = try await Self.ask(ours + path, method: method, body: body)
            #expect(answered.status == expected.status, "\(method) \(path) \(body ?? "")")
            let expression = query.hasPrefix("query=") ? String(query.dropFirst(6)).removingPercentEncoding ?? "" : ""
            if let known = Self.knownDifferences[expression] {
                // Pinned on both sides, so either one changing shows here.
                #expect(expected.body.contains(known.prometheus242), "\(expected.body)")
                #expect(answered.body.contains(known.binwatch), "\(answered.body)")
            } else {
                #expect(answered.body == expected.body, "\(method) \(path) \(body ?? "")")
            }
            compared += 1
        }
        #expect(compared == requests.count)
        // The long ones did split (the comparison above is not only of one-liners).
        let wide = try #require(Self.expressions.first { $0.hasPrefix("sum by (job, instance)") })
        let long = try await Self.ask(ours + "/api/v1/format_query?query=" + Self.encoded(wide), method: "GET")
        #expect(long.body.contains("\\n  /\\n    sum by (job, instance) ("))
        #expect(long.body.contains("\\u003e bool\\n  0.05\""))
    }

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    /// Status and body (RoutesTests' loopback client).
    static func ask(_ url: String, method: String, body: String? = nil) async throws -> (status: Int, body: String) {
        try await RoutesTests().get(url, method: method, body: body)
    }
}
