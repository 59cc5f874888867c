import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Model
import TestSupport
import Testing

/// A real remote-write receiver on a loopback port with its data in a folder of its own:
/// Debian's Prometheus 2.42 (`--web.enable-remote-write-receiver`) or VictoriaMetrics 1.79.
/// It can be stopped and started again on the same port and data, for outage tests.
final class RemoteWriteReceiver: @unchecked Sendable {
    // @unchecked: `child` is only touched by the one test that owns the receiver.
    enum Kind: String { case prometheus, victoriaMetrics }

    let kind: Kind
    let dataDir: String
    let port: Int
    private let reservation: PortReservation
    private var child: RunningChild?

    static let binaries: [Kind: String] = [.prometheus: "/usr/bin/prometheus", .victoriaMetrics: "/usr/bin/victoria-metrics"]

    static func isInstalled(_ kind: Kind) -> Bool { FileManager.default.isExecutableFile(atPath: binaries[kind] ?? "") }

    init(_ kind: Kind, in directory: String) throws {
        self.kind = kind
        dataDir = directory + "/" + kind.rawValue
        try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        reservation = try PortReservation()
        port = reservation.port
    }

    deinit { child?.stop() }

    /// Where binwatch sends (both accept Prometheus remote write 1.0 at this path).
    var writeURL: String { "http://127.0.0.1:\(port)/api/v1/write" }

    func start() async throws {
        let binary = Self.binaries[kind] ?? ""
        let arguments: [String]
        switch kind {
        case .prometheus:
            let config = dataDir + "/prometheus.yml"
            try "global: {scrape_interval: 1h}\n".write(toFile: config, atomically: true, encoding: .utf8)
            arguments = [binary, "--config.file=\(config)", "--storage.tsdb.path=\(dataDir)/tsdb", "--web.enable-remote-write-receiver",
                         "--web.listen-address=127.0.0.1:\(port)", "--storage.tsdb.retention.time=10y"]
        case .victoriaMetrics:
            arguments = [binary, "-httpListenAddr=127.0.0.1:\(port)", "-storageDataPath=\(dataDir)/vm", "-retentionPeriod=10y",
                         "-search.disableCache"]
        }
        child = try ChildProcess.start(arguments, stdoutFile: dataDir + "/stdout.log", stderrFile: dataDir + "/stderr.log")
        let ready = kind == .prometheus ? "/-/ready" : "/health"
        let url = "http://127.0.0.1:\(port)\(ready)"
        let up = try await eventually { await LoopbackHTTP.isOK(url) }
        if !up { Issue.record("\(kind) did not become ready on port \(port)") }
    }

    /// Stops the receiver and waits for it to exit: binwatch then gets connection errors.
    func shutDown() async {
        await child?.terminated(grace: .seconds(30))
        child = nil
    }

    /// Stops the receiver without waiting (for `defer`).
    func stop() {
        child?.stop()
    }

    /// Every raw sample the receiver holds for series matching `selector` (stale markers left
    /// out: Prometheus's range queries do not return them), by series. The selector must not
    /// hold a `+`: URLComponents leaves it as is in a query, and Go's servers read it as a space.
    func samples(_ selector: String = #"{__name__!=""}"#) async throws -> [Labels: [Int64: Double]] {
        switch kind {
        case .prometheus: return try await prometheusSamples(selector)
        case .victoriaMetrics: return try await victoriaSamples(selector).mapValues { Dictionary($0, uniquingKeysWith: { a, _ in a }) }
        }
    }

    /// VictoriaMetrics keeps every sample it is sent, duplicates included (no -dedup flag):
    /// the raw list per series shows a resent sample twice.
    func victoriaSamples(_ selector: String) async throws -> [Labels: [(Int64, Double)]] {
        // Make the last second's rows searchable.
        _ = try? await LoopbackHTTP.get("http://127.0.0.1:\(port)/internal/force_flush")
        let (_, body) = try await Self.get("http://127.0.0.1:\(port)/api/v1/export", [URLQueryItem(name: "match[]", value: selector)])
        var out: [Labels: [(Int64, Double)]] = [:]
        for line in String(decoding: body, as: UTF8.self).split(separator: "\n") where !line.isEmpty {
            // Stale markers may come as a bare NaN, which JSON has no word for.
            let text = line.replacingOccurrences(of: "NaN", with: "null")
            guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                  let metric = object["metric"] as? [String: String], let values = object["values"] as? [Any],
                  let timestamps = object["timestamps"] as? [NSNumber] else { continue }
            var points: [(Int64, Double)] = []
            for (t, v) in zip(timestamps, values) {
                guard let number = v as? NSNumber, !number.doubleValue.isNaN else { continue }
                points.append((t.int64Value, number.doubleValue))
            }
            out[Labels(metric), default: []] += points
        }
        return out
    }

    /// GETs `base` with `items` as its query (URLComponents encodes them as a URL needs).
    private static func get(_ base: String, _ items: [URLQueryItem]) async throws -> (status: Int, body: Data) {
        var components = URLComponents(string: base)
        components?.queryItems = items
        guard let url = components?.url else { throw ChildProcessError(message: "not a URL: \(base)") }
        return try await LoopbackHTTP.send(URLRequest(url: url))
    }

    private func prometheusSamples(_ selector: String) async throws -> [Labels: [Int64: Double]] {
        let (_, body) = try await Self.get("http://127.0.0.1:\(port)/api/v1/query", [
            URLQueryItem(name: "query", value: "\(selector)[1d]"),
            URLQueryItem(name: "time", value: String(Date().timeIntervalSince1970 + 60)),
        ])
        guard let json = try JSONSerialization.jsonObject(with: body) as? [String: Any], json["status"] as? String == "success",
              let data = json["data"] as? [String: Any], let result = data["result"] as? [[String: Any]]
        else { throw ChildProcessError(message: "Prometheus query failed: \(String(decoding: body, as: UTF8.self))") }
        var out: [Labels: [Int64: Double]] = [:]
        for series in result {
            guard let metric = series["metric"] as? [String: String], let values = series["values"] as? [[Any]] else { continue }
            var points: [Int64: Double] = [:]
            for pair in values {
                guard pair.count == 2, let t = pair[0] as? NSNumber, let text = pair[1] as? String, let v = Double(text), !v.isNaN
                else { continue }
                points[Int64((t.doubleValue * 1000).rounded())] = v
            }
            out[Labels(metric)] = points
        }
        return out
    }
}
