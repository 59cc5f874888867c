/// Turns placements into recommendations by replaying them on the bins' starting state, so
/// utilization, affinity and confidence read the bin as it is when each placement happens.
enum RecommendationBuilder {
    static func build(placements: [Placement], request: PutawayRequest, lines: [LineInfo], start: BinTable) -> [Recommendation] {
        var table = start
        var remaining = request.items.map(\.quantity)
        var out = [Recommendation]()
        out.reserveCapacity(placements.count)
        for placement in placements {
            var line = lines[placement.itemIndex]
            line.remainingCap = remaining[placement.itemIndex]
            let parts = HybridScoring.score(line: line, bin: placement.binIndex, units: placement.quantity, table: table)
            table.place(line, quantity: placement.quantity, in: placement.binIndex)
            remaining[placement.itemIndex] -= placement.quantity
            let item = request.items[placement.itemIndex]
            let bin = request.bins[placement.binIndex]
            out.append(Recommendation(
                itemIndex: placement.itemIndex, binIndex: placement.binIndex, materialId: item.materialId,
                lotNumber: item.lotNumber, quantity: placement.quantity, locationId: bin.locationId,
                locationCode: bin.locationCode, algorithm: request.algorithm, confidenceScore: parts.value,
                reasonCode: placement.reason, estimatedUtilization: table.utilization(of: placement.binIndex),
                crossDockCandidate: item.isCrossDockCandidate, skuAffinityScore: parts.skuAffinity))
        }
        return out
    }
}
