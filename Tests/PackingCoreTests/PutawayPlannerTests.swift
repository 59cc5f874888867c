import PackingCore
import Testing

/// Hand-made cases: rotations, weight limits, unplaced reasons, contradictory bins, HYBRID's preferences.
@Suite struct PutawayPlannerTests {
    func item(_ id: String, qty: Int = 1, dims: Dimensions? = nil, cube: Double? = nil, weight: Double = 1,
              rotation: RotationPolicy = .any, sku: String = "S", abc: ABCClass? = nil) -> PutawayItem {
        PutawayItem(materialId: id, sku: sku, lotNumber: "L-\(id)", quantity: qty, unitDimensions: dims,
                    unitCubicFeet: cube ?? dims?.cubicFeet ?? 1, unitWeightLbs: weight, abcClass: abc, rotation: rotation)
    }

    let flatBin = StorageBin(locationId: "flat", locationCode: "F", innerDimensions: Dimensions(length: 48, width: 48, height: 12),
                             maxWeightLbs: 1000, cubicFeet: 16)
    let tallBin = StorageBin(locationId: "tall", locationCode: "T", innerDimensions: Dimensions(length: 24, width: 24, height: 48),
                             maxWeightLbs: 1000, cubicFeet: 16)

    @Test(arguments: [
        (RotationPolicy.any, "flat"), (.thisWayUp, "tall"), (.none, "tall"),
    ])
    func rotationPolicyDecidesTheBin(policy: RotationPolicy, expected: String) {
        // A 10×20×40 box (standing) goes in the 12"-high flat bin only if it may lie down.
        let unit = item("box", dims: Dimensions(length: 10, width: 20, height: 40), rotation: policy)
        for algorithm in PutawayAlgorithm.allCases {
            let request = PutawayRequest(bins: [flatBin, tallBin], items: [unit], algorithm: algorithm)
            let plan = PutawayPlanner.plan(request)
            #expect(plan.recommendations.map(\.locationId) == [expected], "\(algorithm) \(policy)")
            #expect(Validator.violations(of: plan, for: request).isEmpty)
        }
    }

    @Test func noneRotationRefusesATurnedBox() {
        let unit = item("long", dims: Dimensions(length: 10, width: 40, height: 10), rotation: .none)
        let bin = StorageBin(locationId: "b", locationCode: "B", innerDimensions: Dimensions(length: 40, width: 20, height: 20),
                             maxWeightLbs: 100, cubicFeet: 9)
        let plan = PutawayPlanner.plan(PutawayRequest(bins: [bin], items: [unit], algorithm: .ffd))
        #expect(plan.recommendations.isEmpty)
        #expect(plan.unplaced.map(\.reason) == [.tooLargeForEveryBin])
        var turnable = unit
        turnable.rotation = .thisWayUp
        #expect(PutawayPlanner.plan(PutawayRequest(bins: [bin], items: [turnable], algorithm: .ffd)).recommendations.count == 1)
    }

    @Test func weightLimitSplitsALineAndReportsTheRest() {
        let bins = [
            StorageBin(locationId: "a", locationCode: "A", maxWeightLbs: 100, cubicFeet: 100, usedWeightLbs: 40),
            StorageBin(locationId: "b", locationCode: "B", maxWeightLbs: 50, cubicFeet: 100),
        ]
        let request = PutawayRequest(bins: bins, items: [item("heavy", qty: 10, cube: 1, weight: 20)], algorithm: .ffd)
        let plan = PutawayPlanner.plan(request)
        // 60 lb free in a → 3 units; 50 lb in b → 2 units; 5 left with room by cube only.
        #expect(plan.recommendations.map(\.quantity) == [3, 2])
        #expect(plan.unplaced.map(\.quantity) == [5])
        #expect(plan.unplaced.map(\.reason) == [.noCapacity])
        #expect(Validator.violations(of: plan, for: request).isEmpty)
    }

    @Test func overWeightAndTooLargeAreTold() {
        let bin = StorageBin(locationId: "a", locationCode: "A", maxWeightLbs: 10, cubicFeet: 5)
        let plan = PutawayPlanner.plan(PutawayRequest(
            bins: [bin], items: [item("anvil", cube: 1, weight: 11), item("crate", cube: 6, weight: 1)], algorithm: .bfd))
        #expect(plan.unplaced.map(\.reason) == [.overWeight, .tooLargeForEveryBin])
    }

    @Test func contradictoryBinsAreReportedAndNotUsed() {
        var bad = StorageBin(locationId: "bad", locationCode: "X", maxWeightLbs: 10, cubicFeet: 5, usedCubicFeet: 7)
        bad.usedWeightLbs = 12
        let request = PutawayRequest(bins: [bad], items: [item("m", cube: 0.1)], algorithm: .hybrid)
        let plan = PutawayPlanner.plan(request)
        #expect(plan.binIssues.map(\.field) == ["usedCubicFeet", "usedWeightLbs"])
        #expect(plan.recommendations.isEmpty)
        #expect(plan.unplaced.map(\.reason) == [.tooLargeForEveryBin])
    }

    @Test func hybridPrefersAffinityZoneAndQuietAisles() {
        let common = { (id: String, abc: ABCClass, skus: [String], congestion: Double) in
            StorageBin(locationId: id, locationCode: id, abcClass: abc, maxWeightLbs: 1000, cubicFeet: 10,
                       usedCubicFeet: 6, skus: skus, congestion: congestion)
        }
        let bins = [common("cB", .b, [], 0.0), common("cA-busy", .a, [], 0.9), common("cA", .a, [], 0.1), common("cSku", .c, ["X"], 0.5)]
        let plan = PutawayPlanner.plan(PutawayRequest(
            bins: bins, items: [item("fast", cube: 0.5, sku: "Y", abc: .a)], algorithm: .hybrid))
        #expect(plan.recommendations.map(\.locationId) == ["cA"])
        #expect(plan.recommendations.first?.reasonCode == .utilizationBand)
        let affinity = PutawayPlanner.plan(PutawayRequest(
            bins: bins, items: [item("same", cube: 0.5, sku: "X", abc: .c)], algorithm: .hybrid))
        #expect(affinity.recommendations.map(\.locationId) == ["cSku"])
        #expect(affinity.recommendations.first?.skuAffinityScore == 1)
    }
}
