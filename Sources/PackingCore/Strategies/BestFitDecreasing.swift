/// Best Fit Decreasing: lines by decreasing unit cube, each unit into the bin that holds it
/// with the least free cube (ties: the lower bin index).
///
/// Bulk placement is again exact: after a unit goes to the tightest bin, that bin is still the
/// tightest for the next identical unit as long as one more fits. With identical empty bins
/// this is `baselines.py`'s `best_fit` (an empty bin is chosen only when no open bin fits).
enum BestFitDecreasing {
    static func place(lines: [LineInfo], table: inout BinTable) -> (placements: [Placement], remaining: [Int]) {
        var placements = [Placement]()
        var remaining = lines.map(\.remainingCap)
        for (position, base) in lines.enumerated() {
            var line = base
            while remaining[position] > 0 {
                line.remainingCap = remaining[position]
                var best = -1, bestFree = Double.infinity, bestK = 0
                for b in 0..<table.count where table.freeCube[b] < bestFree {
                    let k = table.maxUnits(of: line, in: b)
                    if k > 0 {
                        best = b
                        bestFree = table.freeCube[b]
                        bestK = k
                    }
                }
                guard best >= 0 else { break }
                table.place(line, quantity: bestK, in: best)
                placements.append(Placement(itemIndex: line.index, binIndex: best, quantity: bestK, reason: .bestFit))
                remaining[position] -= bestK
            }
        }
        return (placements, remaining)
    }
}
