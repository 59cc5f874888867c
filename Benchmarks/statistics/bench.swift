// Times describe, Spearman and Welch on a million values, on the same data bench.py uses
// (counter-based splitmix64, as in Tests/StatisticsTests/LargeInputTests.swift).
// Built by run.sh with the Statistics sources in one optimised module; not part of the package.
import Foundation

func uniform(seed: UInt64, count: Int) -> [Double] {
    (1...count).map { i in
        var z = seed &+ UInt64(i) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) * 0x1p-53
    }
}

let n = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 1_000_000 : 1_000_000
let repeats = 7
let u1 = uniform(seed: 1, count: n), u2 = uniform(seed: 2, count: n)
let u3 = uniform(seed: 3, count: n), u4 = uniform(seed: 4, count: n)
let x = u1.map { $0 * 1000 }
let y = zip(x, u2).map { ($0 / 10).rounded(.down) + ($1 * 50).rounded(.down) }
let a = u3.map { 50 + 10 * $0 }, b = u4.map { 50.01 + 10 * $0 }

/// Best and median wall time of `repeats` runs, in milliseconds; `check` keeps the result alive.
func time(_ name: String, _ body: () throws -> Double) rethrows {
    var times: [Double] = []
    var check = 0.0
    for _ in 0..<repeats {
        let start = ContinuousClock.now
        check += try body()
        let d = ContinuousClock.now - start
        times.append(Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15)
    }
    times.sort()
    print(name.padding(toLength: 10, withPad: " ", startingAt: 0) + String(format: " best %8.2f ms  median %8.2f ms  (check %.6g)", times[0], times[repeats / 2], check / Double(repeats)))
}

try time("describe") { let d = try Descriptive(x); return d.mean + d.percentiles[99]! + d.ci95.low }
try time("spearman") { let s = try Correlation.spearman(x, y); return s.coefficient + (s.pValue ?? 0) }
try time("welch") { let w = try WelchTTest(a, b); return w.t + w.pValue }
