/// One putaway instruction: move `quantity` units of a line into a bin.
public struct Recommendation: Sendable, Hashable {
    /// Index of the line in the request's `items`.
    public var itemIndex: Int
    /// Index of the bin in the request's `bins`.
    public var binIndex: Int
    /// The line's material id.
    public var materialId: String
    /// The line's lot number.
    public var lotNumber: String
    /// Units placed in this bin (a line may split across bins).
    public var quantity: Int
    /// The bin's location id.
    public var locationId: String
    /// The bin's location code.
    public var locationCode: String
    /// The algorithm that made the plan.
    public var algorithm: PutawayAlgorithm
    /// Confidence 0…1 (see `ConfidenceScore`).
    public var confidenceScore: Double
    /// Why this bin.
    public var reasonCode: ReasonCode
    /// Bin cube utilization after this batch's placements up to and including this one, 0…1.
    public var estimatedUtilization: Double
    /// True when outbound demand already waits for the material.
    public var crossDockCandidate: Bool
    /// 1 when the bin already held the SKU (before or earlier in the batch), else 0.
    public var skuAffinityScore: Double
}

/// The part of a line that got no bin, and why.
public struct UnplacedLine: Sendable, Hashable {
    /// Index of the line in the request's `items`.
    public var itemIndex: Int
    /// The line's material id.
    public var materialId: String
    /// The line's lot number.
    public var lotNumber: String
    /// Units left without a bin.
    public var quantity: Int
    /// Why.
    public var reason: UnplacedReason
}

/// A bin whose own figures contradict each other; the planner leaves it out rather than clamp it.
public struct BinIssue: Sendable, Hashable {
    /// Index of the bin in the request's `bins`.
    public var binIndex: Int
    /// The bin's location id.
    public var locationId: String
    /// The input field at fault, in the input's camelCase (`usedCubicFeet`).
    public var field: String
    /// What is wrong, with the numbers.
    public var message: String
}

/// Counts for the processing summary.
public struct PlanSummary: Sendable, Hashable {
    /// Lines in the request.
    public var totalItems: Int
    /// Recommendations made.
    public var recommendationsGenerated: Int
    /// Units requested over all lines.
    public var unitsRequested: Int
    /// Units placed.
    public var unitsPlaced: Int
    /// Bins that received at least one unit.
    public var binsUsed: Int
    /// The line order HYBRID chose for this batch (nil for FFD/BFD).
    public var hybridOrdering: HybridOrdering?
    /// Bins the improvement search closed (0 when it did not run).
    public var binsSavedByImprovement: Int
}

/// The planner's answer for one batch.
public struct PutawayPlan: Sendable, Hashable {
    /// Recommendations, in the order the planner made them.
    public var recommendations: [Recommendation]
    /// Units without a bin, one entry per line and reason.
    public var unplaced: [UnplacedLine]
    /// Bins left out because their own figures contradict each other.
    public var binIssues: [BinIssue]
    /// Counts.
    public var summary: PlanSummary
}
