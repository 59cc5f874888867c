/// The line order HYBRID picks for a batch.
public enum HybridOrdering: String, Sendable, Hashable, Codable {
    /// Unit cubes vary widely (coefficient of variation > 0.5): big units first, as FFD/BFD do,
    /// so they still find room.
    case largestFirst
    /// Unit cubes are alike: order hardly matters for packing, so fast movers (A, then B, C)
    /// go first and get the best-scoring bins.
    case velocityFirst
}

/// HYBRID: each line goes to the bin with the highest `ConfidenceScore` (fit in the 60–85% band,
/// ABC zone match, SKU affinity, aisle congestion, not splitting the line).
///
/// The scan is a branch and bound so that 10k bins cost far less than 10k scores per line: bins
/// already holding the SKU are scored first; the rest are grouped by ABC class and sorted by
/// congestion, so within a group the score's upper bound only falls and the scan stops once it
/// drops below the best score found.
enum HybridScoring {
    static func ordering(for items: [PutawayItem]) -> HybridOrdering {
        let cubes = items.map(\.effectiveUnitCube)
        guard cubes.count > 1 else { return .largestFirst }
        let mean = cubes.reduce(0, +) / Double(cubes.count)
        guard mean > 0 else { return .velocityFirst }
        let variance = cubes.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(cubes.count)
        return variance.squareRoot() / mean > 0.5 ? .largestFirst : .velocityFirst
    }

    /// Usable bins of one ABC rank (-1 = unclassified), by congestion then index.
    struct Group: Sendable {
        var rank: Int
        var bins: [Int]
    }

    static func groups(of table: BinTable) -> [Group] {
        var members = [[Int]](repeating: [], count: 4)
        for b in 0..<table.count where table.usable[b] { members[table.abcRank[b] + 1].append(b) }
        return (-1...2).compactMap { rank in
            let congestion = table.congestion
            let sorted = members[rank + 1].sorted {
                congestion[$0] != congestion[$1] ? congestion[$0] < congestion[$1] : $0 < $1
            }
            return sorted.isEmpty ? nil : Group(rank: rank, bins: sorted)
        }
    }

    static func place(
        lines: [LineInfo], items: [PutawayItem], groups: [Group], table: inout BinTable
    ) -> (placements: [Placement], remaining: [Int]) {
        var placements = [Placement]()
        var remaining = lines.map(\.remainingCap)
        for (position, base) in lines.enumerated() {
            var line = base
            let crossDock = items[line.index].isCrossDockCandidate
            while remaining[position] > 0 {
                line.remainingCap = remaining[position]
                var best = -1, bestScore = -1.0, bestK = 0
                var bestParts: ConfidenceScore?
                func consider(_ b: Int) {
                    let k = table.maxUnits(of: line, in: b)
                    guard k > 0 else { return }
                    let parts = score(line: line, bin: b, units: k, table: table)
                    let value = parts.value
                    if value > bestScore || (value == bestScore && b < best) {
                        best = b
                        bestScore = value
                        bestK = k
                        bestParts = parts
                    }
                }
                for b in table.binsBySKU[line.skuID] ?? [] { consider(b) }
                let ordered = groups.sorted {
                    ConfidenceScore.abcScore(itemRank: line.abcRank, binRank: $0.rank)
                        > ConfidenceScore.abcScore(itemRank: line.abcRank, binRank: $1.rank)
                }
                for group in ordered {
                    let abcPart = ConfidenceScore.abcWeight * ConfidenceScore.abcScore(itemRank: line.abcRank, binRank: group.rank)
                    // Upper bound without SKU affinity: bins with the SKU were scored above.
                    let groupBound = ConfidenceScore.fitWeight + abcPart
                    if groupBound + ConfidenceScore.congestionWeight < bestScore { continue }
                    for b in group.bins {
                        let bound = groupBound + ConfidenceScore.congestionWeight * (1 - table.congestion[b])
                        if bound < bestScore { break }
                        consider(b)
                    }
                }
                guard best >= 0, let parts = bestParts else { break }
                table.place(line, quantity: bestK, in: best)
                let reason: ReasonCode = crossDock ? .crossDockCandidate : parts.dominantReason
                placements.append(Placement(itemIndex: line.index, binIndex: best, quantity: bestK, reason: reason))
                remaining[position] -= bestK
            }
        }
        return (placements, remaining)
    }

    /// The score of putting `units` units of `line` into bin `b` now.
    @inline(__always)
    static func score(line: LineInfo, bin b: Int, units: Int, table: BinTable) -> ConfidenceScore {
        let capacity = table.cubeCapacity[b]
        let after = capacity - table.freeCube[b] + Double(units) * line.unitCube
        return ConfidenceScore(
            fit: ConfidenceScore.bandScore(capacity > 0 ? after / capacity : 0),
            abcMatch: ConfidenceScore.abcScore(itemRank: line.abcRank, binRank: table.abcRank[b]),
            skuAffinity: table.holds(sku: line.skuID, bin: b) ? 1 : 0,
            lowCongestion: 1 - table.congestion[b],
            completeness: Double(units) / Double(max(1, line.remainingCap)))
    }
}
