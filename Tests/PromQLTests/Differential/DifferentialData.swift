import Model
@testable import PromQL

/// A deterministic data set and query set for comparing binwatch with a real Prometheus.
///
/// 2.42 and 3.x differ on window edges (2.42 closes both ends of range and lookback
/// windows, 3.x opens the left end), so every sample sits at x.7 seconds while every
/// query time, range and step is whole seconds: no sample ever falls on an edge.
struct DifferentialData {
    struct Point {
        var labels: Labels
        var t: Int64
        var v: Double
    }

    static let start: Int64 = 1_699_992_000_000  // ms
    static let end: Int64 = start + 2 * 3_600_000
    var points: [Point] = []

    /// SplitMix64: reproducible without Foundation's random.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    }

    init(seed: UInt64 = 42) {
        var random = Random(state: seed)
        func times(offset: Int64, until: Int64 = DifferentialData.end) -> [Int64] {
            stride(from: DifferentialData.start + offset, to: until, by: 15_000).map { $0 }
        }
        // Counters with occasional resets; one series ends after an hour (lookback gap).
        for job in ["api", "db"] {
            for instance in 0..<3 {
                for code in ["200", "500"] {
                    let labels = Labels(["__name__": "req_total", "job": job, "instance": "\(instance)", "code": code])
                    var value = random.unit() * 100
                    let until = (job == "db" && instance == 2) ? DifferentialData.start + 3_600_000 : DifferentialData.end
                    for t in times(offset: 700 + Int64(instance) * 1000, until: until) {
                        value = random.unit() < 0.01 ? random.unit() * 5 : value + random.unit() * (code == "200" ? 10 : 1)
                        points.append(Point(labels: labels, t: t, v: (value * 1000).rounded() / 1000))
                    }
                }
            }
        }
        // Gauges: a random walk per room.
        for site in ["north", "south"] {
            for room in 0..<4 {
                let labels = Labels(["__name__": "temp_celsius", "site": site, "room": "\(room)"])
                var value = 20 + random.unit() * 5
                for t in times(offset: 3700 + Int64(room) * 2000) {
                    value += (random.unit() - 0.5) * 0.8
                    points.append(Point(labels: labels, t: t, v: (value * 100).rounded() / 100))
                }
            }
        }
        // A classic histogram per job, cumulative buckets.
        let bounds = ["0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"]
        for job in ["api", "db"] {
            var counts = [Double](repeating: 0, count: bounds.count)
            var sum = 0.0
            for t in times(offset: 5700) {
                var increments = [Double](repeating: 0, count: bounds.count)
                for _ in 0..<Int(random.unit() * 20) {
                    let observation = random.unit() * random.unit() * 3
                    sum += observation
                    for (i, bound) in bounds.enumerated() where observation <= (Double(bound) ?? .infinity) {
                        increments[i] += 1
                    }
                }
                for i in counts.indices { counts[i] += increments[i] }
                for (i, bound) in bounds.enumerated() {
                    points.append(Point(labels: Labels(["__name__": "lat_seconds_bucket", "job": job, "le": bound]), t: t, v: counts[i]))
                }
                points.append(Point(labels: Labels(["__name__": "lat_seconds_count", "job": job]), t: t, v: counts[bounds.count - 1]))
                points.append(Point(labels: Labels(["__name__": "lat_seconds_sum", "job": job]), t: t, v: (sum * 1000).rounded() / 1000))
            }
        }
    }

    /// The data as an OpenMetrics backfill file (`# EOF` terminated, float-second timestamps).
    var openMetrics: String {
        var out = ""
        var byName: [String: [Point]] = [:]
        for point in points { byName[point.labels.metricName ?? "", default: []].append(point) }
        for name in byName.keys.sorted() {
            let family = name.hasSuffix("_total") ? String(name.dropLast(6)) : name
            let type = name.hasSuffix("_total") ? "counter" : "gauge"
            out += "# TYPE \(family) \(type)\n"
            for point in byName[name] ?? [] {
                let labels = point.labels.pairs.filter { $0.name != "__name__" }
                    .map { "\($0.name)=\"\($0.value)\"" }.joined(separator: ",")
                out += "\(name){\(labels)} \(PromFloat.format(point.v)) \(point.t / 1000).\(threeDigits(point.t % 1000))\n"
            }
        }
        return out + "# EOF\n"
    }

    func store() throws -> SeriesStore {
        var store = SeriesStore()
        for point in points { try store.append(point.labels, timestamp: Timestamp(milliseconds: point.t), value: point.v) }
        return store
    }

    /// A few hundred queries built from templates over the data set's metrics.
    static func queries() -> [String] {
        var out: [String] = []
        let counters = ["req_total", "req_total{job=\"api\"}", "req_total{code!=\"500\"}", "req_total{instance=~\"0|1\"}"]
        let gauges = ["temp_celsius", "temp_celsius{site=\"north\"}", "temp_celsius{room!~\"1|3\"}"]
        let ranges = ["1m", "5m", "10m"]
        for c in counters {
            for r in ranges {
                for f in ["rate", "irate", "increase", "resets", "changes", "count_over_time"] { out.append("\(f)(\(c)[\(r)])") }
            }
            out.append("\(c) offset 3m")
            out.append("rate(\(c)[5m] offset 10m)")
        }
        for g in gauges {
            for r in ranges {
                for f in ["delta", "idelta", "deriv", "avg_over_time", "min_over_time", "max_over_time", "sum_over_time",
                          "stddev_over_time", "stdvar_over_time", "last_over_time", "present_over_time"] {
                    out.append("\(f)(\(g)[\(r)])")
                }
                out.append("quantile_over_time(0.9, \(g)[\(r)])")
                out.append("predict_linear(\(g)[\(r)], 600)")
            }
            for f in ["abs", "ceil", "floor", "sqrt", "exp", "ln", "log2", "log10", "sgn", "timestamp"] { out.append("\(f)(\(g))") }
            out.append("round(\(g), 0.5)")
            out.append("clamp(\(g), 20, 23)")
            out.append("clamp_min(\(g), 22)")
            out.append("clamp_max(\(g), 22)")
        }
        let groupings = ["", " by (job)", " without (instance)", " by (code, job)"]
        for agg in ["sum", "avg", "min", "max", "count", "stddev", "stdvar", "group"] {
            for g in groupings {
                out.append("\(agg)\(g) (rate(req_total[5m]))")
                out.append("\(agg)\(g) (req_total)")
            }
        }
        for g in ["", " by (site)"] {
            out.append("topk\(g) (2, temp_celsius)")
            out.append("bottomk\(g) (2, temp_celsius)")
            out.append("quantile\(g) (0.75, temp_celsius)")
            out.append("count_values\(g) (\"value\", round(temp_celsius))")
        }
        for q in ["0.5", "0.9", "0.99"] {
            out.append("histogram_quantile(\(q), sum by (le) (rate(lat_seconds_bucket[5m])))")
            out.append("histogram_quantile(\(q), sum by (job, le) (rate(lat_seconds_bucket[10m])))")
            out.append("histogram_quantile(\(q), lat_seconds_bucket)")
        }
        for op in ["+", "-", "*", "/", "%", "^", "==", "!=", ">", "<", ">=", "<="] {
            out.append("temp_celsius \(op) 22")
            out.append("22 \(op) temp_celsius")
            if ["==", "!=", ">", "<", ">=", "<="].contains(op) { out.append("temp_celsius \(op) bool 22") }
        }
        out += [
            "rate(req_total[5m]) / on(job, instance) group_left sum by (job, instance) (rate(req_total[5m]))",
            "sum by (job) (rate(req_total{code=\"500\"}[5m])) / sum by (job) (rate(req_total[5m]))",
            "req_total{code=\"200\"} + ignoring(code) req_total{code=\"500\"}",
            "req_total and req_total{job=\"api\"}", "req_total unless req_total{code=\"500\"}",
            "req_total{job=\"db\"} or temp_celsius",
            "rate(lat_seconds_sum[5m]) / rate(lat_seconds_count[5m])",
            "label_replace(temp_celsius, \"r\", \"room-$1\", \"room\", \"(.*)\")",
            "label_join(temp_celsius, \"sr\", \"/\", \"site\", \"room\")",
            "absent(nonexistent)", "absent(temp_celsius)", "vector(1)", "scalar(sum(temp_celsius))", "time()",
            "sum(temp_celsius) * scalar(count(temp_celsius))", "-temp_celsius", "temp_celsius offset -5m",
            // Subquery points sit on the step grid, so a range that is a multiple of the step
            // would put one on the window's left edge, where 2.42 (closed) and 3.x (open)
            // differ; the extra second keeps every subquery point off the edge.
            "max_over_time(rate(req_total[1m])[10m1s:1m])", "avg_over_time(temp_celsius[10m1s:30s])",
            "rate(req_total[5m1s:])", "deriv(sum(temp_celsius)[15m1s:1m])", "min_over_time(temp_celsius[5m] @ 1699995600)",
            "temp_celsius @ 1699995600", "sum(rate(req_total[5m] offset 5m))", "changes(temp_celsius[10m])",
            "absent_over_time(req_total{instance=\"2\", job=\"db\"}[5m])", "last_over_time(req_total[10m])",
            "day_of_week()", "hour(timestamp(temp_celsius))", "minute()", "month()", "year()", "days_in_month()",
        ]
        return out
    }
}

/// Three digits, zero-padded.
func threeDigits(_ value: Int64) -> String {
    let text = "\(value)"
    return String(repeating: "0", count: max(0, 3 - text.count)) + text
}
