extension ImprovementSearch {
    /// Units beyond which the search is skipped: it works unit by unit, and a batch this big
    /// would spend the budget building its state.
    static let unitLimit = 20_000

    /// Runs the search over a plan's placements; bins start with the free cube and weight they
    /// had before the batch.
    static func consolidate(
        placements: [Placement], lines: [LineInfo], start: BinTable, budget: Budget
    ) -> (placements: [Placement], binsSaved: Int) {
        let units = placements.reduce(0) { $0 + $1.quantity }
        guard units > 0, units <= unitLimit else { return (placements, 0) }
        var sizes = [Double](), weights = [Double](), assignment = [Int](), lineOfUnit = [Int]()
        sizes.reserveCapacity(units)
        for placement in placements {
            let line = lines[placement.itemIndex]
            for _ in 0..<placement.quantity {
                sizes.append(line.unitCube)
                weights.append(line.unitWeight)
                assignment.append(placement.binIndex)
                lineOfUnit.append(placement.itemIndex)
            }
        }
        let problem = Problem(sizes: sizes, weights: weights, cubeCapacity: start.freeCube, weightCapacity: start.freeWeight)
        let opened = Set(assignment).sorted()
        let bound = capacityLowerBound(problem, bins: opened)
        let improved = minimizeBins(problem, assignment: assignment, lowerBound: bound, budget: budget)
        let saved = opened.count - Set(improved).count
        guard saved > 0 else { return (placements, 0) }

        // Regroup units into (line, bin) placements: lines in the order the algorithm placed
        // them, bins by index; pairs the algorithm chose keep its reason.
        var reasonOf = [Placement.Key: ReasonCode]()
        var lineOrder = [Int]()
        var seenLine = Set<Int>()
        for placement in placements {
            reasonOf[placement.key] = placement.reason
            if seenLine.insert(placement.itemIndex).inserted { lineOrder.append(placement.itemIndex) }
        }
        var perLine = [Int: [Int: Int]]()
        for (unit, bin) in improved.enumerated() { perLine[lineOfUnit[unit], default: [:]][bin, default: 0] += 1 }
        var out = [Placement]()
        for line in lineOrder {
            guard let bins = perLine[line] else { continue }
            for bin in bins.keys.sorted() {
                guard let quantity = bins[bin] else { continue }
                let key = Placement.Key(itemIndex: line, binIndex: bin)
                out.append(Placement(itemIndex: line, binIndex: bin, quantity: quantity, reason: reasonOf[key] ?? .consolidation))
            }
        }
        return (out, saved)
    }
}

extension Placement {
    struct Key: Hashable {
        var itemIndex: Int
        var binIndex: Int
    }

    var key: Key { Key(itemIndex: itemIndex, binIndex: binIndex) }
}
