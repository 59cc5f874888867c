extension PutawayRequest {
    /// The textbook one-dimensional problem as a putaway batch: one single-unit line per size,
    /// as many empty identical bins as there are sizes, cube only, no weight.
    /// Benchmarks and tests use it to hold the planner to the classic FFD/BFD baselines.
    public static func identicalBins(
        sizes: [Int], capacity: Int, algorithm: PutawayAlgorithm, improvement: ImprovementSearch.Budget? = nil
    ) -> PutawayRequest {
        let items = sizes.enumerated().map { index, size in
            PutawayItem(
                materialId: "m\(index)", sku: "m\(index)", lotNumber: "", quantity: 1, unitDimensions: nil,
                unitCubicFeet: Double(size), unitWeightLbs: 0)
        }
        let bins = (0..<max(1, sizes.count)).map { index in
            StorageBin(locationId: "b\(index)", locationCode: "B\(index)", maxWeightLbs: 0, cubicFeet: Double(capacity))
        }
        return PutawayRequest(bins: bins, items: items, algorithm: algorithm, improvement: improvement)
    }
}
