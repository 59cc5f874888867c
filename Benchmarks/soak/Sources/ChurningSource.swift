import Collectors
import Exposition
import Model

/// The soak's in-process source (no PostgreSQL): bins whose ids rotate, so the set of series
/// ever seen grows without bound while the live set stays at `slots`, and dock queues whose
/// depth flaps above and below the alert threshold in patterns chosen to walk every alert
/// state: a blip shorter than `for` (pending, then dropped), a long high (pending, firing),
/// a one-cycle dip inside keep_firing_for (still firing) and a long low (resolved).
///
/// Everything is a pure function of the cycle number, derived from the evaluation time, so
/// a run is reproducible and its figures comparable.
struct ChurningSource: Source {
    let name = "soak"
    /// Start of the run and the evaluation interval: cycle = (t - start) / interval.
    let start: Timestamp
    let intervalMilliseconds: Int64
    /// Live bins at any time.
    let slots: Int
    /// Cycles a bin id lives before its slot gets a new one.
    let lifetime: Int
    /// Docks whose queue depth flaps.
    let docks: Int

    func cycle(at timestamp: Timestamp) -> Int {
        Int((timestamp.milliseconds - start.milliseconds) / max(1, intervalMilliseconds))
    }

    func collect(at timestamp: Timestamp) async throws -> [MetricFamily] {
        let c = cycle(at: timestamp)
        return [bins(cycle: c), queues(cycle: c)]
    }

    /// `soak_bin_utilization{zone, bin}`: slot i's current bin id changes every `lifetime`
    /// cycles (slots staggered so a few change each cycle); one bin in 16 runs over 95 %.
    func bins(cycle c: Int) -> MetricFamily {
        var samples: [MetricSample] = []
        samples.reserveCapacity(slots)
        for slot in 0..<slots {
            let shifted = c + slot * lifetime / max(1, slots)
            let generation = shifted / lifetime
            let age = shifted % lifetime
            let key = Self.mix(UInt64(slot) &* 1_000_003 &+ UInt64(generation))
            let full = key % 16 == 0
            // Full bins cross 95 % after a fifth of their life, so the alert starts pending.
            let value = full
                ? (age < lifetime / 5 ? 90 : 96 + Double(key % 3))
                : 40 + Double((key >> 8) % 40) + Double(c % 7)
            samples.append(MetricSample(
                name: "soak_bin_utilization",
                labels: Labels(["zone": "z\(slot % 4)", "bin": "b\(slot)-g\(generation)"]), value: value))
        }
        return MetricFamily(name: "soak_bin_utilization", help: "Soak: bin fill in percent.", type: .gauge, samples: samples)
    }

    /// `soak_dock_queue_depth{dock}`: dock d repeats a pattern of period 36 + 6d cycles (15 s
    /// cycles: 9 min and more), high (150) or low (20) by phase:
    /// - phase 0..<2: high (a blip: pending, never firing with for: 1m = 4 cycles);
    /// - phase 2..<6: low;
    /// - phase 6..<18 + d: high, except one low cycle at phase 12 (firing; the dip is covered
    ///   by keep_firing_for: 1m);
    /// - rest: low (resolved once keep_firing_for ran out).
    func queues(cycle c: Int) -> MetricFamily {
        let samples = (0..<docks).map { dock in
            let period = 36 + 6 * dock
            let phase = (c + 5 * dock) % period
            let high = phase < 2 || (phase >= 6 && phase < 18 + dock && phase != 12)
            return MetricSample(name: "soak_dock_queue_depth", labels: Labels(["dock": "d\(dock)"]), value: high ? 150 : 20)
        }
        return MetricFamily(name: "soak_dock_queue_depth", help: "Soak: pallets queued at a dock.", type: .gauge, samples: samples)
    }

    /// SplitMix64's finaliser: a well-spread, reproducible hash of the slot and generation.
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
