/// One received line to put away: `quantity` identical units of a material lot.
///
/// All physical figures are per unit. Without `unitDimensions` the unit is packed by cube alone.
public struct PutawayItem: Sendable, Hashable {
    /// The WMS material id.
    public var materialId: String
    /// Stock keeping unit; bins already holding it score SKU affinity.
    public var sku: String
    /// Lot number (kept on every recommendation split from this line).
    public var lotNumber: String
    /// Units received (≥ 1).
    public var quantity: Int
    /// Unit size in inches, or nil to pack by cube alone.
    public var unitDimensions: Dimensions?
    /// Unit cube in cubic feet (≥ the dimensions' volume when both are given: see `effectiveUnitCube`).
    public var unitCubicFeet: Double
    /// Unit weight in pounds.
    public var unitWeightLbs: Double
    /// Velocity class, nil when the WMS has none.
    public var abcClass: ABCClass?
    /// Which rotations of the unit are allowed.
    public var rotation: RotationPolicy
    /// Units already demanded by outbound orders; > 0 makes the line a cross-dock candidate.
    public var outboundDemand: Int?

    /// Creates an item line.
    public init(
        materialId: String, sku: String, lotNumber: String, quantity: Int,
        unitDimensions: Dimensions?, unitCubicFeet: Double, unitWeightLbs: Double,
        abcClass: ABCClass? = nil, rotation: RotationPolicy = .any, outboundDemand: Int? = nil
    ) {
        self.materialId = materialId
        self.sku = sku
        self.lotNumber = lotNumber
        self.quantity = quantity
        self.unitDimensions = unitDimensions
        self.unitCubicFeet = unitCubicFeet
        self.unitWeightLbs = unitWeightLbs
        self.abcClass = abcClass
        self.rotation = rotation
        self.outboundDemand = outboundDemand
    }

    /// The cube one unit takes: the larger of the declared cube and the box volume, so a
    /// declared cube that undercounts the box can never overfill a bin.
    public var effectiveUnitCube: Double {
        guard let unitDimensions else { return unitCubicFeet }
        return max(unitCubicFeet, unitDimensions.cubicFeet)
    }

    /// True when outbound demand already waits for this material.
    public var isCrossDockCandidate: Bool { (outboundDemand ?? 0) > 0 }
}
