import Foundation
import PackingCore

/// FFD, BFD and the improvement search on the 160 instances, per class.
func runQuality(root: String, budgetMs: Double) throws {
    let instances = try loadInstances(root: root)
    let order = ["u120", "u250", "u500", "u1000", "t60", "t120", "t249", "t501"]
    print("| class | FFD = baseline | BFD = baseline | FFD excess (sum, max) | improved excess (sum, max) | improved = opt | excess cut | improve ms (mean, max) | FFD ms max | BFD ms max |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    var allEqual = true
    var missed = [String]()
    for cls in order {
        let group = instances.filter { $0.cls == cls }
        var ffdOK = 0, bfdOK = 0, ffdExcess = 0, ffdMax = 0, impExcess = 0, impMax = 0, impOpt = 0
        var impMs = [Double](), ffdMs = 0.0, bfdMs = 0.0
        for instance in group {
            let clock = ContinuousClock()
            var t0 = clock.now
            let ffd = PutawayPlanner.plan(.identicalBins(sizes: instance.sizes, capacity: instance.capacity, algorithm: .ffd))
            ffdMs = max(ffdMs, milliseconds(clock.now - t0))
            t0 = clock.now
            let bfd = PutawayPlanner.plan(.identicalBins(sizes: instance.sizes, capacity: instance.capacity, algorithm: .bfd))
            bfdMs = max(bfdMs, milliseconds(clock.now - t0))
            let budget = ImprovementSearch.Budget(nanoseconds: UInt64(budgetMs * 1e6), now: monotonicNanos)
            t0 = clock.now
            let request = PutawayRequest.identicalBins(
                sizes: instance.sizes, capacity: instance.capacity, algorithm: .bfd, improvement: budget)
            let improved = PutawayPlanner.plan(request)
            impMs.append(milliseconds(clock.now - t0))
            let violations = Validator.violations(of: improved, for: request)
            if !violations.isEmpty { print("BUG: \(instance.name): \(violations.count) violations, first \(violations[0])") }
            if ffd.summary.binsUsed == instance.ffd { ffdOK += 1 } else { allEqual = false }
            if bfd.summary.binsUsed == instance.bfd { bfdOK += 1 } else { allEqual = false }
            let fe = ffd.summary.binsUsed - instance.opt, ie = improved.summary.binsUsed - instance.opt
            if improved.summary.binsUsed < instance.l2 { print("BUG: \(instance.name) below L2") }
            ffdExcess += fe; ffdMax = max(ffdMax, fe); impExcess += ie; impMax = max(impMax, ie)
            if ie == 0 { impOpt += 1 } else { missed.append("\(instance.name) +\(ie)") }
        }
        let cut = ffdExcess > 0 ? 100 * Double(ffdExcess - impExcess) / Double(ffdExcess) : 100
        print(String(format: "| %@ | %d/%d | %d/%d | %d, %d | %d, %d | %d/%d | %.0f%% | %.1f, %.1f | %.2f | %.2f |",
                     cls, ffdOK, group.count, bfdOK, group.count, ffdExcess, ffdMax, impExcess, impMax, impOpt, group.count,
                     cut, impMs.reduce(0, +) / Double(max(1, impMs.count)), impMs.max() ?? 0, ffdMs, bfdMs))
    }
    print(missed.isEmpty ? "improved = optimum on every instance" : "above the optimum: " + missed.joined(separator: ", "))
    print(allEqual ? "FFD and BFD equal baselines.csv on all instances" : "MISMATCH against baselines.csv")
}
