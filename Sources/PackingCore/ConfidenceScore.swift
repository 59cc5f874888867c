/// The confidence of a recommendation, 0…1: a weighted sum of how well the bin suits the line.
///
/// HYBRID maximises it; FFD and BFD report it for the bin they chose, so the
/// `putaway_recommendation_confidence_score` histogram compares the algorithms on one scale.
public struct ConfidenceScore: Sendable, Hashable {
    /// Weights of the four components (they sum to 1).
    public static let fitWeight = 0.35, abcWeight = 0.25, affinityWeight = 0.20, congestionWeight = 0.20
    /// The target utilization band from the WMS requirements (60–85% of cube).
    public static let targetBand = 0.60...0.85

    /// Utilization after placement scored against the band: 1 inside, rising linearly to it
    /// from empty, falling to 0.5 at 100% (full bins are dense but slow to pick from).
    public var fit: Double
    /// 1 when the bin's zone has the item's ABC class, 0.5 one class apart or unknown, 0 two apart.
    public var abcMatch: Double
    /// 1 when the bin already holds the SKU, else 0.
    public var skuAffinity: Double
    /// 1 − the aisle's congestion.
    public var lowCongestion: Double
    /// Share of the line's remaining units this bin takes (splitting a line costs a trip).
    public var completeness: Double

    /// The score, 0…1. A split line keeps at least 75% of its bin's score.
    public var value: Double {
        let base = ConfidenceScore.fitWeight * fit + ConfidenceScore.abcWeight * abcMatch
            + ConfidenceScore.affinityWeight * skuAffinity + ConfidenceScore.congestionWeight * lowCongestion
        return min(1, max(0, base * (0.75 + 0.25 * completeness)))
    }

    /// The component that contributed most, as a reason code (ties: the order of the fields).
    public var dominantReason: ReasonCode {
        let parts: [(Double, ReasonCode)] = [
            (ConfidenceScore.fitWeight * fit, .utilizationBand),
            (ConfidenceScore.abcWeight * abcMatch, .abcZoneMatch),
            (ConfidenceScore.affinityWeight * skuAffinity, .skuAffinity),
            (ConfidenceScore.congestionWeight * lowCongestion, .lowCongestion),
        ]
        var best = parts[0]
        for part in parts.dropFirst() where part.0 > best.0 { best = part }
        return best.1
    }

    /// Scores utilization `u` (0…1) against the target band.
    public static func bandScore(_ u: Double) -> Double {
        if u < targetBand.lowerBound { return max(0, u / targetBand.lowerBound) }
        if u <= targetBand.upperBound { return 1 }
        return max(0.5, 1 - 0.5 * (u - targetBand.upperBound) / (1 - targetBand.upperBound))
    }

    /// Scores an item's ABC rank against a bin's (-1 = unknown).
    public static func abcScore(itemRank: Int, binRank: Int) -> Double {
        if itemRank < 0 || binRank < 0 { return 0.5 }
        switch abs(itemRank - binRank) {
        case 0: return 1
        case 1: return 0.5
        default: return 0
        }
    }
}
