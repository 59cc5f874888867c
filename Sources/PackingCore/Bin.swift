/// A storage location that can receive units, with what it already holds.
public struct StorageBin: Sendable, Hashable {
    /// The WMS location id.
    public var locationId: String
    /// Human-readable location code (e.g. `A-01-03-B`).
    public var locationCode: String
    /// Warehouse zone.
    public var zone: String
    /// Aisle (congestion is per aisle in the WMS).
    public var aisle: String
    /// The velocity class of the bin's slotting zone, nil when unclassified.
    public var abcClass: ABCClass?
    /// Inner size in inches, or nil to pack by cube alone.
    public var innerDimensions: Dimensions?
    /// Maximum load in pounds.
    public var maxWeightLbs: Double
    /// Cube capacity in cubic feet.
    public var cubicFeet: Double
    /// Cube already occupied, in cubic feet.
    public var usedCubicFeet: Double
    /// Weight already stored, in pounds.
    public var usedWeightLbs: Double
    /// SKUs already stored in the bin.
    public var skus: [String]
    /// Aisle congestion, 0 (free) … 1 (blocked).
    public var congestion: Double

    /// Creates a bin.
    public init(
        locationId: String, locationCode: String, zone: String = "", aisle: String = "",
        abcClass: ABCClass? = nil, innerDimensions: Dimensions? = nil, maxWeightLbs: Double,
        cubicFeet: Double, usedCubicFeet: Double = 0, usedWeightLbs: Double = 0,
        skus: [String] = [], congestion: Double = 0
    ) {
        self.locationId = locationId
        self.locationCode = locationCode
        self.zone = zone
        self.aisle = aisle
        self.abcClass = abcClass
        self.innerDimensions = innerDimensions
        self.maxWeightLbs = maxWeightLbs
        self.cubicFeet = cubicFeet
        self.usedCubicFeet = usedCubicFeet
        self.usedWeightLbs = usedWeightLbs
        self.skus = skus
        self.congestion = congestion
    }

    /// Cube still free before this batch.
    public var freeCubicFeet: Double { cubicFeet - usedCubicFeet }
    /// Weight still allowed before this batch.
    public var freeWeightLbs: Double { maxWeightLbs - usedWeightLbs }
}
