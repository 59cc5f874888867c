/// First Fit Decreasing: lines by decreasing unit cube, each unit into the first bin in input
/// order that still holds it.
///
/// Units of a line are placed in bulk: identical units that arrive one after another go to the
/// first bin with room until it is full, which is exactly what unit-by-unit FFD does. With
/// identical empty bins this is the textbook FFD (`baselines.py`'s `first_fit` on sorted sizes).
enum FirstFitDecreasing {
    static func place(lines: [LineInfo], table: inout BinTable) -> (placements: [Placement], remaining: [Int]) {
        var placements = [Placement]()
        var remaining = lines.map(\.remainingCap)
        for (position, base) in lines.enumerated() {
            var line = base
            var b = 0
            while remaining[position] > 0, b < table.count {
                line.remainingCap = remaining[position]
                let k = table.maxUnits(of: line, in: b)
                if k > 0 {
                    table.place(line, quantity: k, in: b)
                    placements.append(Placement(itemIndex: line.index, binIndex: b, quantity: k, reason: .firstFit))
                    remaining[position] -= k
                }
                b += 1
            }
        }
        return (placements, remaining)
    }
}
