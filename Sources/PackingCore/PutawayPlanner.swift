/// What to plan: the bins, the received lines, the algorithm and an optional improvement search.
public struct PutawayRequest: Sendable {
    /// Candidate bins, in location order (FFD's "first" follows this order).
    public var bins: [StorageBin]
    /// Received lines.
    public var items: [PutawayItem]
    /// The algorithm.
    public var algorithm: PutawayAlgorithm
    /// When set, the consolidation search runs after the algorithm (cube-only plans only).
    public var improvement: ImprovementSearch.Budget?

    /// Creates a request.
    public init(bins: [StorageBin], items: [PutawayItem], algorithm: PutawayAlgorithm, improvement: ImprovementSearch.Budget? = nil) {
        self.bins = bins
        self.items = items
        self.algorithm = algorithm
        self.improvement = improvement
    }
}

/// Bins indexed for planning: their issues, the planner's columns and HYBRID's scan order.
public struct PreparedBins: Sendable {
    let issues: [BinIssue]
    let table: BinTable
    let hybridGroups: [HybridScoring.Group]

    /// Indexes `bins` (O(n log n)); plan batches against them with `PutawayPlanner.plan(_:on:)`.
    public init(_ bins: [StorageBin]) {
        issues = BinIssues.find(in: bins)
        var skus = SKUTable()
        table = BinTable(bins: bins, issues: issues, skuTable: &skus)
        hybridGroups = HybridScoring.groups(of: table)
    }
}

/// Plans a putaway batch. Pure: no I/O, and no clock except the injected one in the budget.
public enum PutawayPlanner {
    /// Recommends bins for every line of `request`.
    ///
    /// The same request always yields the same plan, unless an improvement budget's clock
    /// stops the search at a different point (see `ImprovementSearch.Budget`).
    public static func plan(_ request: PutawayRequest) -> PutawayPlan {
        plan(request, on: PreparedBins(request.bins))
    }

    /// Plans `request` against bins already prepared (`prepared` must come from `request.bins`),
    /// so a service that receives many batches against one bin snapshot indexes the bins once,
    /// as the WMS's bin-utilization cache does.
    public static func plan(_ request: PutawayRequest, on prepared: PreparedBins) -> PutawayPlan {
        let issues = prepared.issues
        var skus = prepared.table.skuTable
        var table = prepared.table
        var lines = [LineInfo]()
        lines.reserveCapacity(request.items.count)
        for (index, item) in request.items.enumerated() {
            lines.append(LineInfo(item: item, index: index, skuID: skus.id(for: item.sku)))
        }
        table.skuTable = skus
        let start = table

        var ordering: HybridOrdering?
        let result: (placements: [Placement], remaining: [Int])
        switch request.algorithm {
        case .ffd:
            result = FirstFitDecreasing.place(lines: decreasing(lines), table: &table)
        case .bfd:
            result = BestFitDecreasing.place(lines: decreasing(lines), table: &table)
        case .hybrid:
            let chosen = HybridScoring.ordering(for: request.items)
            ordering = chosen
            let ordered = chosen == .largestFirst ? decreasing(lines) : velocityFirst(lines)
            result = HybridScoring.place(lines: ordered, items: request.items, groups: prepared.hybridGroups, table: &table)
        }
        var placements = result.placements
        var saved = 0
        if let budget = request.improvement, isCubeOnly(placements, request: request) {
            let improved = ImprovementSearch.consolidate(placements: placements, lines: lines, start: start, budget: budget)
            saved = improved.binsSaved
            placements = improved.placements
        }

        // Lines were reordered for placement; report remaining quantities per original line.
        var remainingByLine = [Int](repeating: 0, count: request.items.count)
        for (index, item) in request.items.enumerated() { remainingByLine[index] = item.quantity }
        for placement in placements { remainingByLine[placement.itemIndex] -= placement.quantity }

        let recommendations = RecommendationBuilder.build(
            placements: placements, request: request, lines: lines, start: start)
        var unplaced = [UnplacedLine]()
        for (index, left) in remainingByLine.enumerated() where left > 0 {
            let item = request.items[index]
            unplaced.append(UnplacedLine(
                itemIndex: index, materialId: item.materialId, lotNumber: item.lotNumber, quantity: left,
                reason: unplacedReason(lines[index], table: start)))
        }
        var binsUsed = Set<Int>()
        for placement in placements { binsUsed.insert(placement.binIndex) }
        let summary = PlanSummary(
            totalItems: request.items.count, recommendationsGenerated: recommendations.count,
            unitsRequested: request.items.reduce(0) { $0 + $1.quantity },
            unitsPlaced: placements.reduce(0) { $0 + $1.quantity }, binsUsed: binsUsed.count,
            hybridOrdering: ordering, binsSavedByImprovement: saved)
        return PutawayPlan(recommendations: recommendations, unplaced: unplaced, binIssues: issues, summary: summary)
    }

    /// Decreasing unit cube, then decreasing unit weight, then input order (deterministic).
    static func decreasing(_ lines: [LineInfo]) -> [LineInfo] {
        lines.sorted {
            if $0.unitCube != $1.unitCube { return $0.unitCube > $1.unitCube }
            if $0.unitWeight != $1.unitWeight { return $0.unitWeight > $1.unitWeight }
            return $0.index < $1.index
        }
    }

    /// A, B, C, unclassified; then decreasing unit cube; then input order.
    static func velocityFirst(_ lines: [LineInfo]) -> [LineInfo] {
        lines.sorted {
            let a = $0.abcRank < 0 ? 3 : $0.abcRank, b = $1.abcRank < 0 ? 3 : $1.abcRank
            if a != b { return a < b }
            if $0.unitCube != $1.unitCube { return $0.unitCube > $1.unitCube }
            return $0.index < $1.index
        }
    }

    /// The improvement search moves units between bins by cube and weight only, so it runs only
    /// when no placed line has both its own and its bin's dimensions.
    static func isCubeOnly(_ placements: [Placement], request: PutawayRequest) -> Bool {
        !placements.contains {
            request.items[$0.itemIndex].unitDimensions != nil && request.bins[$0.binIndex].innerDimensions != nil
        }
    }

    /// Why units of `line` found no bin, judged against the bins as they were before the batch.
    static func unplacedReason(_ line: LineInfo, table: BinTable) -> UnplacedReason {
        var anyBoxFits = false
        for b in 0..<table.count where table.usable[b] {
            if let dims = line.dimensions, let f = table.fit[b], !f.fits(dims, policy: line.rotation) { continue }
            if line.unitCube > table.cubeCapacity[b] * (1 + BinTable.relativeTolerance) { continue }
            anyBoxFits = true
            if line.unitWeight <= table.maxWeight[b] * (1 + BinTable.relativeTolerance) { return .noCapacity }
        }
        return anyBoxFits ? .overWeight : .tooLargeForEveryBin
    }
}
