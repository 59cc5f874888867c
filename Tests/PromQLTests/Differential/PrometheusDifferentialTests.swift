import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Model
import Testing
import TestSupport
@testable import PromQL

/// Compares binwatch's engine with the real Prometheus installed on this machine
/// (Debian's 2.42) over a generated data set it has not seen: the data is backfilled with
/// `promtool tsdb create-blocks-from openmetrics`, Prometheus serves it on 127.0.0.1,
/// and every generated query is run as instant queries and as a range query on both.
@Suite(.serialized) struct PrometheusDifferentialTests {
    static let prometheus = "/usr/bin/prometheus"
    static let promtool = "/usr/bin/promtool"

    /// One query result reduced to what both sides must agree on.
    typealias Canonical = [String: [(Int64, Double)]]

    @Test func agreesWithPrometheusOnGeneratedQueries() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.prometheus),
              FileManager.default.isExecutableFile(atPath: Self.promtool) else {
            print("skipped: \(Self.prometheus) or \(Self.promtool) is not installed")
            return
        }
        let data = DifferentialData()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("data.om")
        try data.openMetrics.write(to: input, atomically: true, encoding: .utf8)
        try await Self.runTool(Self.promtool, ["tsdb", "create-blocks-from", "openmetrics", input.path, dir.appendingPathComponent("tsdb").path])
        let config = dir.appendingPathComponent("prometheus.yml")
        try "global:\n  scrape_interval: 1h\n".write(to: config, atomically: true, encoding: .utf8)
        let reservation = try PortReservation()
        let port = reservation.port
        let server = try ChildProcess.start(
            [Self.prometheus, "--config.file=\(config.path)", "--storage.tsdb.path=\(dir.appendingPathComponent("tsdb").path)",
             "--storage.tsdb.retention.time=100y", "--web.listen-address=127.0.0.1:\(port)"],
            stdoutFile: "/dev/null", stderrFile: "/dev/null")
        defer { server.stop(); withExtendedLifetime(reservation) {} }
        let base = "http://127.0.0.1:\(port)/api/v1/"
        try await Self.waitUntilReady(base)

        let store = try data.store()
        let engine = Engine()
        let instantTimes: [Int64] = [30, 61, 90, 119].map { DifferentialData.start + $0 * 60_000 }
        var agreed = 0, total = 0
        var disagreements: [String] = []
        for query in DifferentialData.queries() {
            let expr = try Parser.parseExpr(query)
            for t in instantTimes {
                total += 1
                let theirs = try await Self.fetch(base + "query", ["query": query, "time": PromFloat.jsonTimestamp(t)])
                let ours = Result { try engine.instantQuery(expr, at: Timestamp(milliseconds: t), on: store) }
                    .map(Self.canonical)
                if Self.same(ours, theirs) { agreed += 1 } else {
                    disagreements.append("instant \(query) @\(t): binwatch \(ours) prometheus \(theirs)")
                }
            }
            guard expr.type == .vector || expr.type == .scalar else { continue }
            total += 1
            let start = DifferentialData.start + 20 * 60_000, end = DifferentialData.end - 10 * 60_000
            let theirs = try await Self.fetch(base + "query_range", [
                "query": query, "start": PromFloat.jsonTimestamp(start), "end": PromFloat.jsonTimestamp(end), "step": "60",
            ])
            let ours = Result {
                try engine.rangeQuery(expr, start: Timestamp(milliseconds: start), end: Timestamp(milliseconds: end),
                                      step: 60_000, on: store)
            }.map { Self.canonical(.matrix($0)) }
            if Self.same(ours, theirs) { agreed += 1 } else {
                disagreements.append("range \(query): binwatch \(ours) prometheus \(theirs)")
            }
        }
        let rate = Double(agreed) / Double(total)
        print("differential vs Prometheus 2.42: \(agreed)/\(total) agree (\(String(format: "%.2f", rate * 100))%) over \(DifferentialData.queries().count) queries")
        for line in disagreements.prefix(10) { print("  disagree: \(line.prefix(600))") }
        #expect(total >= 500)
        #expect(rate >= 0.99)
    }

    static func canonical(_ value: Value) -> Canonical {
        switch value {
        case .vector(let v):
            return Dictionary(v.map { (key($0.labels), [($0.timestamp, $0.value)]) }, uniquingKeysWith: { a, _ in a })
        case .matrix(let m):
            return Dictionary(m.map { (key($0.labels), Array(zip($0.timestamps, $0.values))) }, uniquingKeysWith: { a, _ in a })
        case .scalar(let s):
            return ["scalar": [(s.timestamp, s.value)]]
        case .string(let s):
            return ["string:\(s.value)": []]
        }
    }

    static func key(_ labels: Labels) -> String {
        labels.pairs.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
    }

    static func same(_ ours: Result<Canonical, any Error>, _ theirs: Result<Canonical, any Error>) -> Bool {
        switch (ours, theirs) {
        case (.failure, .failure): return true
        case (.success(let a), .success(let b)):
            guard a.count == b.count else { return false }
            for (k, pa) in a {
                guard let pb = b[k], pa.count == pb.count else { return false }
                for (x, y) in zip(pa, pb) {
                    guard x.0 == y.0 else { return false }
                    let close = almostEqual(x.1, y.1, epsilon: 1e-6) || abs(x.1 - y.1) < 1e-9
                    if !close { return false }
                }
            }
            return true
        default: return false
        }
    }

    /// Runs a query on the server and reduces the JSON answer.
    static func fetch(_ url: String, _ parameters: [String: String]) async throws -> Result<Canonical, any Error> {
        var components = try #require(URLComponents(string: url))
        components.queryItems = parameters.map { URLQueryItem(name: $0.key, value: $0.value) }
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        let (_, body) = try await LoopbackHTTP.send(URLRequest(url: try #require(components.url)))
        let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        guard json["status"] as? String == "success" else {
            return .failure(ServerError(message: json["error"] as? String ?? "error"))
        }
        let payload = try #require(json["data"] as? [String: Any])
        func point(_ any: Any) -> (Int64, Double)? {
            guard let pair = any as? [Any], pair.count == 2, let t = pair[0] as? Double, let v = pair[1] as? String else { return nil }
            return (Int64((t * 1000).rounded()), Double(v) ?? .nan)
        }
        func labels(_ any: Any?) -> String {
            let dict = any as? [String: String] ?? [:]
            return key(Labels(dict))
        }
        var out: Canonical = [:]
        switch payload["resultType"] as? String {
        case "vector":
            for item in payload["result"] as? [[String: Any]] ?? [] {
                if let p = item["value"].flatMap(point) { out[labels(item["metric"])] = [p] }
            }
        case "matrix":
            for item in payload["result"] as? [[String: Any]] ?? [] {
                out[labels(item["metric"])] = (item["values"] as? [Any] ?? []).compactMap(point)
            }
        case "scalar":
            if let p = payload["result"].flatMap(point) { out["scalar"] = [p] }
        default:
            break
        }
        return .success(out)
    }

    struct ServerError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    static func waitUntilReady(_ base: String) async throws {
        let url = base.replacingOccurrences(of: "api/v1/", with: "-/ready")
        let ready = try await eventually { await LoopbackHTTP.isOK(url) }
        if !ready { Issue.record("Prometheus did not become ready at \(url)") }
    }

    static func runTool(_ path: String, _ arguments: [String]) async throws {
        let result = try await ChildProcess.run([path] + arguments, timeout: .seconds(300))
        #expect(result.status == 0, "\(path) \(arguments) failed: \(result.stderr)")
    }
}
