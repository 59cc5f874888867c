import Foundation

extension Soak {
    /// Writes the figures for docs/PERFORMANCE.md: {"area":"soak","rows":[...]}; the soak has
    /// no anchor (no other tool runs the same cycles), so anchors are null.
    static func writeJSON(
        _ path: String, cycles: Int, cyclesPerSecond: Double, rss: (first: Double, warm: Double, end: Double, peak: Double),
        verdict: SoakVerdict, samples: [SoakSample], warm: Int
    ) throws {
        func row(_ name: String, _ value: Double, _ unit: String, _ note: String) -> [String: Any] {
            ["name": name, "binwatch": value, "anchor": NSNull(), "anchor_name": NSNull(), "unit": unit, "note": note]
        }
        let late = samples.filter { $0.cycle >= cycles / 2 }
        func maxOf(_ value: (SoakSample) -> Int) -> Double { Double(samples.map(value).max() ?? 0) }
        let verdictNote = verdict.passed ? "verdict PASS" : "verdict FAIL"
        let rows: [[String: Any]] = [
            row("soak: cycle rate", (cyclesPerSecond * 10).rounded() / 10, "cycles/s",
                "\(cycles) simulated cycles, whole daemon path incl. SQLite state and notifications; \(verdictNote)"),
            row("soak: RSS first sample", rss.first, "MiB", "cycle 0"),
            row("soak: RSS after warm-up", rss.warm, "MiB", "cycle \(warm)"),
            row("soak: RSS at the end", rss.end, "MiB", "cycle \(cycles - 1)"),
            row("soak: RSS peak", rss.peak, "MiB", "VmHWM"),
            row("soak: RSS slope, second half", (verdict.rssSlopeMiBPer10k * 1000).rounded() / 1000, "MiB",
                "fitted rise per 10k cycles over cycles \(late.first?.cycle ?? 0)-\(late.last?.cycle ?? 0)"),
            row("soak: store series, max", maxOf(\.storeSeries), "rows", "in-memory series store (bounded by retention)"),
            row("soak: notification log rows, max", maxOf(\.nflogRows), "rows", "state file notify_log"),
            row("soak: alert state rows, max", maxOf(\.alertStateRows), "rows", "state file alert_state"),
            row("soak: outbox rows, max", maxOf(\.outboxRows), "rows", "state file notify_outbox at sample time"),
            row("soak: state file, max", (maxOf(\.stateBytes) / 1_048_576 * 100).rounded() / 100, "MiB", "with -wal/-journal"),
            row("soak: series WAL, max", (maxOf(\.walBytes) / 1_048_576 * 100).rounded() / 100, "MiB",
                "wal/ beside the state file: checkpoint + segments (checkpoint_interval 30m)"),
        ]
        let data = try JSONSerialization.data(withJSONObject: ["area": "soak", "rows": rows], options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: path))
    }
}
