/// The algorithm that chooses a bin for each line, as the WMS names them.
public enum PutawayAlgorithm: String, Sendable, Hashable, Codable, CaseIterable {
    /// First Fit Decreasing: lines by decreasing unit cube, each into the first bin (input order) that holds it.
    case ffd = "FFD"
    /// Best Fit Decreasing: lines by decreasing unit cube, each into the bin left with the least free cube.
    case bfd = "BFD"
    /// Scores every candidate bin (fit, utilization band, ABC match, SKU affinity, congestion).
    case hybrid = "HYBRID"
}

/// Why a recommendation went to its bin.
public enum ReasonCode: String, Sendable, Hashable, Codable, CaseIterable {
    /// FFD: the first bin in location order that holds the units.
    case firstFit = "FIRST_FIT"
    /// BFD: the bin left with the least free cube.
    case bestFit = "BEST_FIT"
    /// HYBRID: utilization after placement in (or nearest) the 60–85% band decided it.
    case utilizationBand = "UTILIZATION_BAND"
    /// HYBRID: the bin's zone matches the item's ABC velocity class.
    case abcZoneMatch = "ABC_ZONE_MATCH"
    /// HYBRID: the bin already holds this SKU.
    case skuAffinity = "SKU_AFFINITY"
    /// HYBRID: the bin's aisle is the least congested.
    case lowCongestion = "LOW_CONGESTION"
    /// Outbound demand waits for the material: stage it for cross-dock.
    case crossDockCandidate = "CROSS_DOCK_CANDIDATE"
    /// The improvement search moved the units here to open fewer bins.
    case consolidation = "CONSOLIDATION"
}

/// Why (part of) a line got no bin.
public enum UnplacedReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// A unit does not fit any usable bin's inner box (in an allowed rotation) or cube capacity.
    case tooLargeForEveryBin = "TOO_LARGE_FOR_EVERY_BIN"
    /// A unit fits some bins' boxes, but is heavier than each of those bins' weight limit.
    case overWeight = "OVER_WEIGHT"
    /// Bins exist that could hold a unit when empty, but none has the room left.
    case noCapacity = "NO_CAPACITY"
}
