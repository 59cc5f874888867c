// PromQL benchmark: the issue's two queries over 10k series × 2h at 15s, instant and
// 1h range, timed in process; `generate` writes the same data as OpenMetrics so
// run.sh can backfill it into Prometheus and time the same queries there.
import Foundation
import Model
import PromQL

let seriesPerMetric = 10_000
let interval: Int64 = 15_000
let end: Int64 = 1_700_000_000_000
let start = end - 2 * 3_600_000
let bounds = ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"]

/// Calls `body` for every sample: 10k counter series `x{facility,instance}` and 1k
/// histograms with 10 buckets each (`h_bucket{le,facility,instance}`, 10k series).
func forEachSample(_ body: (Labels, Int64, Double) throws -> Void) rethrows {
    for i in 0..<seriesPerMetric {
        let labels = Labels(["__name__": "x", "facility": "f\(i % 20)", "instance": "i\(i)"])
        var value = 0.0
        for t in stride(from: start + 7_300, through: end, by: Int64.Stride(interval)) {
            value += Double((i * 7 + Int(t / interval)) % 13)
            try body(labels, t, value)
        }
    }
    for h in 0..<(seriesPerMetric / bounds.count) {
        for (b, le) in bounds.enumerated() {
            let labels = Labels(["__name__": "h_bucket", "le": le, "facility": "f\(h % 20)", "instance": "i\(h)"])
            var value = 0.0
            for t in stride(from: start + 7_300, through: end, by: Int64.Stride(interval)) {
                value += Double(b + 1) * Double((h + Int(t / interval)) % 5)
                try body(labels, t, value)
            }
        }
    }
}

let queries = [
    "sum by (facility) (rate(x[5m]))",
    "histogram_quantile(0.95, sum by (le) (rate(h_bucket[5m])))",
]

let arguments = CommandLine.arguments
if arguments.count > 2 && arguments[1] == "generate" {
    guard let out = FileHandle(forWritingAtPath: arguments[2]) ?? {
        FileManager.default.createFile(atPath: arguments[2], contents: nil)
        return FileHandle(forWritingAtPath: arguments[2])
    }() else { fatalError("cannot write \(arguments[2])") }
    var buffer = ""
    var lastName = ""
    forEachSample { labels, t, v in
        let name = labels.metricName ?? ""
        if name != lastName {
            buffer += "# TYPE \(name == "x" ? "x" : "h_bucket") gauge\n"
            lastName = name
        }
        let rest = labels.pairs.filter { $0.name != "__name__" }.map { "\($0.name)=\"\($0.value)\"" }.joined(separator: ",")
        buffer += "\(name){\(rest)} \(PromFloat.format(v)) \(t / 1000).\(t % 1000 < 100 ? "0" : "")\(t % 1000 < 10 ? "0" : "")\(t % 1000)\n"
        if buffer.utf8.count > 1 << 20 {
            out.write(Data(buffer.utf8))
            buffer = ""
        }
    }
    out.write(Data((buffer + "# EOF\n").utf8))
    try out.close()
    exit(0)
}

let clock = ContinuousClock()
var store = SeriesStore()
let loadTime = try clock.measure {
    try forEachSample { labels, t, v in try store.append(labels, timestamp: Timestamp(milliseconds: t), value: v) }
}
store.shrinkToFit()
print("loaded \(store.seriesCount) series, \(store.sampleCount) samples in \(loadTime); \(String(format: "%.2f", store.bytesPerSample)) bytes/sample (sample arrays)")

let engine = Engine()
let samplesPerWindow = 20  // 5m / 15s
func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
for query in queries {
    let expr = try Parser.parseExpr(query)
    var best = Double.infinity
    for _ in 0..<5 {
        let d = try clock.measure { _ = try engine.instantQuery(expr, at: Timestamp(milliseconds: end), on: store) }
        best = min(best, seconds(d))
    }
    let touched = Double(seriesPerMetric * samplesPerWindow)
    print("instant \(query): \(String(format: "%.2f", best * 1000)) ms, \(String(format: "%.1f", best * 1e9 / touched)) ns/sample")
    best = .infinity
    let steps = 61
    for _ in 0..<3 {
        let d = try clock.measure {
            _ = try engine.rangeQuery(expr, start: Timestamp(milliseconds: end - 3_600_000), end: Timestamp(milliseconds: end),
                                      step: 60_000, on: store)
        }
        best = min(best, seconds(d))
    }
    print("range1h \(query): \(String(format: "%.2f", best * 1000)) ms, \(String(format: "%.1f", best * 1e9 / (touched * Double(steps)))) ns/sample")
}
