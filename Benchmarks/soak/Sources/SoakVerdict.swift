import Foundation

/// The soak's pass/fail rules over the samples.
///
/// Memory: a least-squares line through the RSS samples of the second half of the run; its
/// rise over that half must stay within `rssToleranceMiB` (allocator noise, measured at well
/// under that). Stores: the largest value in the second half must not exceed the largest of
/// the first half after warm-up by more than 10 % + a small constant: a store that is bounded
/// by retention reaches its ceiling within the first tenth of the run (retention is minutes to
/// an hour of simulated time; a tenth of a short run is already more than a day), so growth
/// after that is a leak, however slow.
struct SoakVerdict {
    struct Check {
        var name: String
        var passed: Bool
        var detail: String
    }

    var checks: [Check] = []
    var passed: Bool { checks.allSatisfy(\.passed) }
    /// RSS rise per 10k cycles over the second half (MiB), from the fitted line.
    var rssSlopeMiBPer10k = 0.0

    init(samples: [SoakSample], cycles: Int, warmup: Int, rssToleranceMiB: Double, finalOutbox: Int) {
        let half = cycles / 2
        let early = samples.filter { $0.cycle >= warmup && $0.cycle < half }
        let late = samples.filter { $0.cycle >= half }
        guard early.count >= 2, late.count >= 3 else {
            checks.append(Check(name: "samples", passed: false, detail: "too few samples (\(early.count) after warm-up, \(late.count) in the second half): lower --sample-every"))
            return
        }
        let slope = Self.slope(late.map { (Double($0.cycle), Double($0.rssKiB) / 1024) })
        rssSlopeMiBPer10k = slope * 10_000
        let span = Double((late.last?.cycle ?? half) - (late.first?.cycle ?? half))
        let rise = slope * span
        checks.append(Check(
            name: "rss flat", passed: rise <= rssToleranceMiB,
            detail: String(format: "fitted rise over the second half %+.2f MiB (%+.3f MiB per 10k cycles), tolerance %.1f MiB",
                           rise, rssSlopeMiBPer10k, rssToleranceMiB)))
        func bounded(_ name: String, slack: Int, _ value: (SoakSample) -> Int) {
            let ceiling = early.map(value).max() ?? 0
            let top = late.map(value).max() ?? 0
            let limit = Int((Double(ceiling) * 1.10).rounded(.up)) + slack
            checks.append(Check(
                name: name, passed: top <= limit,
                detail: "max \(top) in the second half, \(ceiling) in the first half after warm-up (limit \(limit))"))
        }
        bounded("store series", slack: 10, \.storeSeries)
        bounded("store samples", slack: 100, \.storeSamples)
        bounded("active alerts", slack: 5, \.activeAlerts)
        bounded("dispatcher groups", slack: 5, \.dispatcherGroups)
        bounded("outbox rows", slack: 5, \.outboxRows)
        bounded("notification log rows", slack: 10, \.nflogRows)
        bounded("alert state rows", slack: 5, \.alertStateRows)
        bounded("state file bytes", slack: 64 * 1024, \.stateBytes)
        // Checkpoints delete the segments they cover: the WAL saw-tooths between one checkpoint
        // and one checkpoint interval of segments, the same in both halves.
        bounded("WAL bytes", slack: 256 * 1024, \.walBytes)
        checks.append(Check(name: "outbox drained", passed: finalOutbox == 0, detail: "\(finalOutbox) rows left at the end"))
    }

    /// Least-squares slope of y over x.
    static func slope(_ points: [(Double, Double)]) -> Double {
        let n = Double(points.count)
        let mx = points.map(\.0).reduce(0, +) / n
        let my = points.map(\.1).reduce(0, +) / n
        let sxx = points.map { ($0.0 - mx) * ($0.0 - mx) }.reduce(0, +)
        let sxy = points.map { ($0.0 - mx) * ($0.1 - my) }.reduce(0, +)
        return sxx == 0 ? 0 : sxy / sxx
    }
}
