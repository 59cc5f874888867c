/// An invariant broken by a plan.
public struct Violation: Sendable, Hashable, CustomStringConvertible {
    /// What kind of invariant.
    public enum Kind: String, Sendable, Hashable {
        case cubeOverCapacity, weightOverCapacity, unitDoesNotFit, quantityNotConserved
        case unknownBin, unknownItem, nonPositiveQuantity, unusableBin
    }

    /// The kind.
    public var kind: Kind
    /// Details with the numbers.
    public var message: String

    public var description: String { "\(kind.rawValue): \(message)" }
}

/// Checks a plan against its request without using the planner's code paths: it sums each
/// bin's load from the recommendations, tries every allowed orientation one by one, and counts
/// every line's units. `putaway_probe_capacity_violations` is the count it returns.
public enum Validator {
    /// Relative slack for floating-point sums (looser than the planner's, so the two differ).
    public static let tolerance = 1e-6

    /// Every invariant `plan` breaks for `request` (empty when the plan is sound).
    public static func violations(of plan: PutawayPlan, for request: PutawayRequest) -> [Violation] {
        var found = [Violation]()
        let bins = request.bins, items = request.items
        var cube = bins.map(\.usedCubicFeet), weight = bins.map(\.usedWeightLbs)
        var touched = [Bool](repeating: false, count: bins.count)
        var accounted = [Int](repeating: 0, count: items.count)
        let unusable = Set(plan.binIssues.map(\.binIndex))
        for rec in plan.recommendations {
            guard bins.indices.contains(rec.binIndex), bins[rec.binIndex].locationId == rec.locationId else {
                found.append(Violation(kind: .unknownBin, message: "recommendation names bin \(rec.locationId) (#\(rec.binIndex))"))
                continue
            }
            guard items.indices.contains(rec.itemIndex), items[rec.itemIndex].materialId == rec.materialId else {
                found.append(Violation(kind: .unknownItem, message: "recommendation names item \(rec.materialId) (#\(rec.itemIndex))"))
                continue
            }
            if rec.quantity <= 0 {
                found.append(Violation(kind: .nonPositiveQuantity, message: "\(rec.materialId) → \(rec.locationId): quantity \(rec.quantity)"))
            }
            if unusable.contains(rec.binIndex) {
                found.append(Violation(kind: .unusableBin, message: "\(rec.locationId) has contradictory figures but received units"))
            }
            let item = items[rec.itemIndex], bin = bins[rec.binIndex]
            accounted[rec.itemIndex] += rec.quantity
            touched[rec.binIndex] = true
            cube[rec.binIndex] += Double(rec.quantity) * max(item.unitCubicFeet, item.unitDimensions?.cubicFeet ?? 0)
            weight[rec.binIndex] += Double(rec.quantity) * item.unitWeightLbs
            if let unit = item.unitDimensions, let inner = bin.innerDimensions {
                let fits = item.rotation.orientations(of: unit).contains {
                    $0.length <= inner.length * (1 + tolerance) && $0.width <= inner.width * (1 + tolerance)
                        && $0.height <= inner.height * (1 + tolerance)
                }
                if !fits {
                    found.append(Violation(kind: .unitDoesNotFit, message:
                        "\(item.materialId) \(unit.length)×\(unit.width)×\(unit.height) (\(item.rotation.rawValue)) does not fit \(bin.locationId) \(inner.length)×\(inner.width)×\(inner.height)"))
                }
            }
        }
        for (b, bin) in bins.enumerated() where touched[b] {
            if cube[b] > bin.cubicFeet * (1 + tolerance) {
                found.append(Violation(kind: .cubeOverCapacity, message: "\(bin.locationId): \(cube[b]) ft³ > \(bin.cubicFeet) ft³"))
            }
            if weight[b] > bin.maxWeightLbs * (1 + tolerance) {
                found.append(Violation(kind: .weightOverCapacity, message: "\(bin.locationId): \(weight[b]) lb > \(bin.maxWeightLbs) lb"))
            }
        }
        for line in plan.unplaced {
            if items.indices.contains(line.itemIndex) { accounted[line.itemIndex] += line.quantity }
        }
        for (i, item) in items.enumerated() where accounted[i] != item.quantity {
            found.append(Violation(kind: .quantityNotConserved, message:
                "\(item.materialId) lot \(item.lotNumber): placed + unplaced = \(accounted[i]), requested \(item.quantity)"))
        }
        return found
    }
}
