import Model
import PackingCore

/// What one probe run measured (the figures are nil when no plan ran).
struct ProbeRun: Sendable {
    var success: Bool
    var durationSeconds: Double = 0
    var plan: PlanFigures?
}

/// The per-plan gauges.
struct PlanFigures: Sendable {
    var unplacedUnits: Int
    var violations: Int
    var binsRejected: Int
    var bins: Int
}

/// Bins indexed once, and the lines batches are built from.
struct ProbeSnapshot: Sendable {
    var bins: [StorageBin]
    var prepared: PreparedBins
    var items: [PutawayItem]
    /// True when `items` are materials to sample from (quantities and lots are made per batch).
    var sampled: Bool
}

/// The probe's memory between runs: the loaded input, the cycle counter (which batch comes
/// next), the cumulative histograms and the last run (for `interval`).
struct ProbeState: Sendable {
    private(set) var snapshot: ProbeSnapshot?
    private var loadedAt: Timestamp?
    private var cycle = 0
    var processing = ProbeHistogram(bounds: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000])
    var confidence = ProbeHistogram(bounds: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0])
    var last: (at: Timestamp, run: ProbeRun)?

    /// Reload when nothing is loaded yet, when the interval has passed, or when the clock went back.
    /// A failed reload leaves `loadedAt` alone, so the next run tries again.
    func needsRefresh(at timestamp: Timestamp, interval: PromDuration) -> Bool {
        guard let loadedAt else { return true }
        return timestamp < loadedAt || timestamp - loadedAt >= interval
    }

    mutating func store(_ input: ProbeInput, prepared: PreparedBins, at timestamp: Timestamp) {
        snapshot = ProbeSnapshot(bins: input.bins, prepared: prepared, items: input.items, sampled: input.sampled)
        loadedAt = timestamp
    }

    /// The cycle number of the run about to start.
    mutating func nextCycle() -> Int {
        defer { cycle += 1 }
        return cycle
    }

    /// The last run again when `interval` has not passed since it.
    func replay(at timestamp: Timestamp, interval: PromDuration) -> ProbeRun? {
        guard interval > .zero, let last, timestamp >= last.at, timestamp - last.at < interval else { return nil }
        return last.run
    }
}

/// A synthetic batch for cycle `cycle`: the next `size` lines, rotating through the list so
/// successive cycles cover every material; deterministic for the same list and cycle.
enum ProbeBatch {
    static func lines(from items: [PutawayItem], sampled: Bool, size: Int, cycle: Int) -> [PutawayItem] {
        guard !items.isEmpty, size > 0 else { return [] }
        let count = min(size, items.count)
        let start = (cycle % items.count) * count % items.count
        return (0..<count).map { index in
            var item = items[(start + index) % items.count]
            if sampled {
                item.quantity = 1 + Int(mix(UInt64(cycle) << 20 ^ UInt64(index)) % 12)
                item.lotNumber = "PROBE-\(cycle)-\(index)"
            }
            return item
        }
    }

    /// SplitMix64's finaliser: a fixed, well-spread function of the cycle and line.
    static func mix(_ seed: UInt64) -> UInt64 {
        var z = seed &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
