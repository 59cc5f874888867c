import Foundation
import PackingCore

/// A seeded generator so every run benchmarks the same warehouse.
struct Seeded: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// 10k bins with inner boxes, used cube and weight, ABC zones, SKUs and congestion.
func warehouse(bins count: Int, rng: inout Seeded) -> [StorageBin] {
    let classes: [ABCClass?] = [.a, .b, .c, nil]
    return (0..<count).map { index in
        let inner = Dimensions(
            length: Double(Int.random(in: 24...96, using: &rng)), width: Double(Int.random(in: 24...48, using: &rng)),
            height: Double(Int.random(in: 12...72, using: &rng)))
        let cube = inner.cubicFeet
        let used = cube * Double.random(in: 0...0.9, using: &rng)
        let maxWeight = Double(Int.random(in: 200...2000, using: &rng))
        let skus = (0..<Int.random(in: 0...3, using: &rng)).map { _ in "SKU-\(Int.random(in: 0..<2000, using: &rng))" }
        return StorageBin(
            locationId: "loc-\(index)", locationCode: "A-\(index / 100)-\(index % 100)", zone: "Z\(index % 4)",
            aisle: "\(index / 200)", abcClass: classes[index % 4], innerDimensions: inner, maxWeightLbs: maxWeight,
            cubicFeet: cube, usedCubicFeet: used, usedWeightLbs: maxWeight * Double.random(in: 0...0.8, using: &rng),
            skus: skus, congestion: Double.random(in: 0...1, using: &rng))
    }
}

/// A batch of received lines with unit boxes and mixed rotation policies.
func batch(lines count: Int, rng: inout Seeded) -> [PutawayItem] {
    let classes: [ABCClass?] = [.a, .b, .c, nil]
    return (0..<count).map { index in
        let dims = Dimensions(
            length: Double(Int.random(in: 4...30, using: &rng)), width: Double(Int.random(in: 4...24, using: &rng)),
            height: Double(Int.random(in: 2...20, using: &rng)))
        return PutawayItem(
            materialId: "mat-\(index)", sku: "SKU-\(Int.random(in: 0..<2000, using: &rng))", lotNumber: "LOT-\(index)",
            quantity: Int.random(in: 1...20, using: &rng), unitDimensions: dims, unitCubicFeet: dims.cubicFeet,
            unitWeightLbs: Double.random(in: 0.5...40, using: &rng), abcClass: classes[index % 4],
            rotation: RotationPolicy.allCases[index % 3],
            outboundDemand: index % 10 == 0 ? 5 : nil)
    }
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let rank = min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)
    return sorted[max(0, rank)]
}

/// p50/p95 of one 50-line batch against 10k bins, per algorithm (a fresh batch each time).
func runSpeed(batches: Int) {
    var rng = Seeded(state: 42)
    let bins = warehouse(bins: 10_000, rng: &rng)
    print("| algorithm | bins | batches | p50 ms | p95 ms | max ms | violations | units placed / requested |")
    print("|---|---|---|---|---|---|---|---|")
    let prepared = PreparedBins(bins)
    for (algorithm, reuse) in [(PutawayAlgorithm.hybrid, true), (.hybrid, false), (.bfd, true), (.ffd, true)] {
        var times = [Double](), violations = 0, placed = 0, requested = 0
        var batchRNG = Seeded(state: 7)
        for _ in 0..<batches {
            let request = PutawayRequest(bins: bins, items: batch(lines: 50, rng: &batchRNG), algorithm: algorithm)
            let clock = ContinuousClock()
            let t0 = clock.now
            let plan = reuse ? PutawayPlanner.plan(request, on: prepared) : PutawayPlanner.plan(request)
            times.append(milliseconds(clock.now - t0))
            violations += Validator.violations(of: plan, for: request).count
            placed += plan.summary.unitsPlaced
            requested += plan.summary.unitsRequested
        }
        times.sort()
        print(String(format: "| %@ | %@ | %d | %.3f | %.3f | %.3f | %d | %d / %d |", algorithm.rawValue, reuse ? "prepared once" : "indexed per batch", batches,
                     percentile(times, 0.5), percentile(times, 0.95), times.last ?? 0, violations, placed, requested))
    }
}
