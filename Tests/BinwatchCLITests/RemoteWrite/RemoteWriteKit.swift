import Foundation
import Model
import Storage
import TestSupport
import Testing

/// A `binwatch run` workspace for remote-write tests: a textfile source whose values the test
/// moves, a recording rule and an alert (so ALERTS / ALERTS_FOR_STATE are written), a state
/// file (the WAL beside it) and one remote_write entry per receiver.
struct RemoteWriteWorkspace {
    let dir: String

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-rw-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try """
            groups:
              - name: wh
                rules:
                  - record: facility:wh_putaways:sum
                    expr: sum by (facility) (wh_putaways_total)
                  - alert: PutawaysFlowing
                    expr: wh_putaways_total > 0
                    for: 3s
                    labels: {severity: page}
            """.write(toFile: dir + "/rules.yml", atomically: true, encoding: .utf8)
        setValue(1)
    }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }

    var config: String { dir + "/binwatch.yml" }
    var textfile: String { dir + "/out.prom" }
    var walDirectory: String { dir + "/wal" }

    /// Writes the source file: counters that move with `step`, a fraction, a large integer.
    func setValue(_ step: Int) {
        let text = """
            # TYPE wh_putaways_total counter
            wh_putaways_total{facility="F1"} \(step * 3)
            wh_putaways_total{facility="F2"} \(Double(step) * 0.5 + 0.25)
            # TYPE wh_bin_fill_ratio gauge
            wh_bin_fill_ratio{facility="F1",zone="A"} \(1.0 / Double(step + 2))
            wh_bin_fill_ratio{facility="F1",zone="B"} 12345678901

            """
        // Atomically, so a cycle never reads half a file.
        try? text.write(toFile: dir + "/wh.prom", atomically: true, encoding: .utf8)
    }

    func writeConfig(receivers: [RemoteWriteReceiver], extra: String = "") throws {
        var text = """
            global: {evaluation_interval: 1s, external_labels: {site: plant-1}}
            rule_files: [rules.yml]
            sources:
              textfile: [{name: wh, path: \(dir)/wh.prom}]
            output: {textfile: \(textfile)}
            state: {path: \(dir)/state.sqlite}
            remote_write:

            """
        for receiver in receivers {
            text += """
                  - url: \(receiver.writeURL)
                    name: \(receiver.kind.rawValue)
                    queue_config: {batch_send_deadline: 200ms, max_samples_per_send: 100, min_backoff: 50ms, max_backoff: 1s}
                \(extra)
                """
        }
        try text.write(toFile: config, atomically: true, encoding: .utf8)
    }

    func startBinwatch(log: String) throws -> RunningChild {
        try ChildProcess.start([BinwatchProcess.executable.path, "run", "--config", config], stderrFile: dir + "/" + log)
    }

    /// What binwatch wrote, read from its WAL without changing it: every series with its
    /// samples (stale markers left out, as the receivers' range queries leave them out).
    func walSamples() -> [Labels: [Int64: Double]] {
        var labelsByRef: [UInt64: Labels] = [:]
        var out: [Labels: [Int64: Double]] = [:]
        _ = try? WALReplay.run(directory: walDirectory, repair: false) { record in
            switch record {
            case .series(let series):
                for s in series { labelsByRef[s.ref] = s.labels }
            case .samples(let samples):
                for i in 0..<samples.count {
                    guard let labels = labelsByRef[samples.refs[i]], !samples.values[i].isNaN else { continue }
                    out[labels, default: [:]][samples.timestamps[i]] = samples.values[i]
                }
            case .sourceSeen:
                break
            }
        }
        return out
    }

    /// A self metric from the textfile binwatch writes every cycle (0 when absent).
    func selfMetric(_ name: String, remote: String) -> Double {
        let text = (try? String(contentsOfFile: textfile, encoding: .utf8)) ?? ""
        let line = text.split(separator: "\n").first { $0.hasPrefix(name + "{") && $0.contains("remote_name=\"\(remote)\"") }
        return line.flatMap { Double($0.split(separator: " ").last ?? "") } ?? 0
    }

    /// Differences between what binwatch wrote (with the external label) and what a receiver
    /// holds, for samples at or before `upTo`; an empty list means the same series, timestamps
    /// and values. `tolerance` is relative (VictoriaMetrics stores values as decimals).
    static func differences(
        wrote: [Labels: [Int64: Double]], received: [Labels: [Int64: Double]], upTo: Int64 = .max, tolerance: Double = 0
    ) -> [String] {
        var problems: [String] = []
        var expected: [Labels: [Int64: Double]] = [:]
        for (labels, points) in wrote {
            let kept = points.filter { $0.key <= upTo }
            if !kept.isEmpty { expected[labels.setting("site", to: "plant-1")] = kept }
        }
        for (labels, points) in expected {
            let got = (received[labels] ?? [:]).filter { $0.key <= upTo }
            let missing = points.keys.filter { got[$0] == nil }.sorted()
            if !missing.isEmpty { problems.append("\(labels): \(missing.count) samples missing, first at \(missing[0])") }
            for (t, v) in points {
                guard let r = got[t] else { continue }
                let same = tolerance == 0 ? r.bitPattern == v.bitPattern || r == v : abs(r - v) <= tolerance * max(abs(r), abs(v))
                if !same { problems.append("\(labels) @\(t): binwatch \(v), receiver \(r)") }
            }
            let extra = got.keys.filter { points[$0] == nil }
            if !extra.isEmpty { problems.append("\(labels): \(extra.count) samples binwatch never wrote") }
        }
        for (labels, points) in received where expected[labels] == nil && points.contains(where: { $0.key <= upTo }) {
            problems.append("\(labels): a series binwatch never wrote")
        }
        return problems
    }

    /// Polls `condition` (moving the source values every pass); the deadline only bounds a failure.
    func waitFor(_ what: String, step: inout Int, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + pollingDeadline
        while ContinuousClock.now < deadline {
            step += 1
            setValue(step)
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(300))
        }
        Issue.record("timed out waiting for \(what)")
        throw CancellationError()
    }
}
