import PackingCore
import PropertyBased
import Testing

/// Random warehouses through every algorithm: the independent validator finds nothing, and
/// the same input gives the same plan.
@Suite struct ValidatorTests {
    static func randomRequest(seed: Int, algorithm: PutawayAlgorithm) -> PutawayRequest {
        var rng = TestRNG(seed: UInt64(seed))
        let threeD = Bool.random(using: &rng)
        let bins = (0..<Int.random(in: 1...40, using: &rng)).map { index -> StorageBin in
            let inner = Dimensions(
                length: Double.random(in: 6...60, using: &rng), width: Double.random(in: 6...48, using: &rng),
                height: Double.random(in: 4...48, using: &rng))
            let cube = threeD ? inner.cubicFeet : Double.random(in: 1...50, using: &rng)
            let maxWeight = Double.random(in: 10...500, using: &rng)
            return StorageBin(
                locationId: "L\(index)", locationCode: "C\(index)", abcClass: ABCClass.allCases.randomElement(using: &rng),
                innerDimensions: threeD && Bool.random(using: &rng) ? inner : nil, maxWeightLbs: maxWeight,
                cubicFeet: cube, usedCubicFeet: cube * Double.random(in: 0...0.95, using: &rng),
                usedWeightLbs: maxWeight * Double.random(in: 0...0.9, using: &rng),
                skus: ["S\(Int.random(in: 0...5, using: &rng))"], congestion: Double.random(in: 0...1, using: &rng))
        }
        let items = (0..<Int.random(in: 1...25, using: &rng)).map { index -> PutawayItem in
            let dims = Dimensions(
                length: Double.random(in: 1...40, using: &rng), width: Double.random(in: 1...30, using: &rng),
                height: Double.random(in: 1...30, using: &rng))
            return PutawayItem(
                materialId: "M\(index)", sku: "S\(Int.random(in: 0...5, using: &rng))", lotNumber: "LOT\(index)",
                quantity: Int.random(in: 1...30, using: &rng), unitDimensions: threeD ? dims : nil,
                unitCubicFeet: threeD ? dims.cubicFeet : Double.random(in: 0.01...8, using: &rng),
                unitWeightLbs: Double.random(in: 0...60, using: &rng), abcClass: ABCClass.allCases.randomElement(using: &rng),
                rotation: RotationPolicy.allCases.randomElement(using: &rng) ?? .any,
                outboundDemand: Bool.random(using: &rng) ? Int.random(in: 0...5, using: &rng) : nil)
        }
        return PutawayRequest(
            bins: bins, items: items, algorithm: algorithm,
            improvement: ImprovementSearch.Budget(nanoseconds: .max, now: { 0 }, maxPasses: 30))
    }

    @Test func randomPlansKeepEveryInvariant() async {
        await propertyCheck(count: 150, input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...2)) { seed, which in
            let request = ValidatorTests.randomRequest(seed: seed, algorithm: PutawayAlgorithm.allCases[which])
            let plan = PutawayPlanner.plan(request)
            #expect(Validator.violations(of: plan, for: request) == [])
            let placed = plan.recommendations.reduce(0) { $0 + $1.quantity }
            let unplaced = plan.unplaced.reduce(0) { $0 + $1.quantity }
            #expect(placed + unplaced == request.items.reduce(0) { $0 + $1.quantity })
            #expect(plan.recommendations.allSatisfy { (0...1).contains($0.confidenceScore) && $0.quantity > 0 })
            #expect(PutawayPlanner.plan(request) == plan)
        }
    }

    @Test func validatorCatchesAnOverfullBin() {
        let request = PutawayRequest(
            bins: [StorageBin(locationId: "L1", locationCode: "C1", maxWeightLbs: 100, cubicFeet: 10)],
            items: [PutawayItem(materialId: "M", sku: "S", lotNumber: "", quantity: 3, unitDimensions: nil, unitCubicFeet: 4, unitWeightLbs: 1)],
            algorithm: .ffd)
        var plan = PutawayPlanner.plan(request)
        #expect(plan.recommendations.map(\.quantity) == [2])
        #expect(Validator.violations(of: plan, for: request).isEmpty)
        plan.recommendations[0].quantity = 3
        plan.unplaced = []
        #expect(Validator.violations(of: plan, for: request).map(\.kind) == [.cubeOverCapacity])
        plan.recommendations[0].quantity = 2
        #expect(Validator.violations(of: plan, for: request).map(\.kind) == [.quantityNotConserved])
    }
}
