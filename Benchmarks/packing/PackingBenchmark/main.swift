import Foundation
import PackingCore

// Usage: PackingBenchmark quality <binpacking-instances dir> [budget-ms] | speed [batches]
let arguments = CommandLine.arguments
let clock = ContinuousClock()
let origin = clock.now
let monotonicNanos: @Sendable () -> UInt64 = {
    let d = ContinuousClock().now - origin
    return UInt64(d.components.seconds) * 1_000_000_000 + UInt64(d.components.attoseconds / 1_000_000_000)
}

func milliseconds(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
}

do {
    switch arguments.count > 1 ? arguments[1] : "" {
    case "quality":
        let root = arguments.count > 2 ? arguments[2] : "../shared/binpacking-instances"
        let budget = arguments.count > 3 ? Double(arguments[3]) ?? 100 : 100
        try runQuality(root: root, budgetMs: budget)
    case "speed":
        let batches = arguments.count > 2 ? Int(arguments[2]) ?? 1000 : 1000
        runSpeed(batches: batches)
    default:
        print("usage: PackingBenchmark quality <binpacking-instances dir> [budget-ms] | speed [batches]")
        exit(2)
    }
} catch {
    print("error: \(error)")
    exit(1)
}
