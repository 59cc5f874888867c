/// The planner's working copy of the bins: columns of plain numbers so that scanning 10k bins
/// per line stays in cache, plus the per-bin SKU sets as small integer arrays.
struct BinTable: Sendable {
    /// Relative tolerance for cube and weight sums (floating-point sums of decimal figures).
    static let relativeTolerance = 1e-9

    var usable: [Bool]
    var cubeCapacity: [Double]
    var freeCube: [Double]
    var freeWeight: [Double]
    var maxWeight: [Double]
    var fit: [Fit3D?]
    var abcRank: [Int]
    var congestion: [Double]
    var skuIDs: [[Int32]]
    /// Bins by SKU id, so affinity candidates are found without a scan.
    var binsBySKU: [Int32: [Int]]
    var skuTable: SKUTable

    init(bins: [StorageBin], issues: [BinIssue], skuTable: inout SKUTable) {
        let n = bins.count
        var usable = [Bool](repeating: true, count: n)
        for issue in issues { usable[issue.binIndex] = false }
        self.usable = usable
        cubeCapacity = bins.map(\.cubicFeet)
        freeCube = bins.map { max(0, $0.cubicFeet - $0.usedCubicFeet) }
        freeWeight = bins.map { max(0, $0.maxWeightLbs - $0.usedWeightLbs) }
        maxWeight = bins.map(\.maxWeightLbs)
        fit = bins.map { $0.innerDimensions.map(Fit3D.init(inner:)) }
        abcRank = bins.map { $0.abcClass?.rank ?? -1 }
        congestion = bins.map(\.congestion)
        var ids = [[Int32]]()
        ids.reserveCapacity(n)
        var bySKU = [Int32: [Int]]()
        for (index, bin) in bins.enumerated() {
            var row = [Int32]()
            for sku in bin.skus {
                let id = skuTable.id(for: sku)
                if !row.contains(id) {
                    row.append(id)
                    bySKU[id, default: []].append(index)
                }
            }
            ids.append(row)
        }
        skuIDs = ids
        binsBySKU = bySKU
        self.skuTable = skuTable
    }

    var count: Int { usable.count }

    /// How many units of `line` bin `b` can still take (0 when the unit does not fit at all).
    @inline(__always)
    func maxUnits(of line: LineInfo, in b: Int) -> Int {
        guard usable[b] else { return 0 }
        if let dims = line.dimensions, let f = fit[b], !f.fits(dims, policy: line.rotation) { return 0 }
        var k = line.remainingCap
        if line.unitCube > 0 {
            let tol = BinTable.relativeTolerance * max(1, cubeCapacity[b])
            let byCube = ((freeCube[b] + tol) / line.unitCube).rounded(.down)
            if byCube < 1 { return 0 }
            if byCube < Double(k) { k = Int(byCube) }
        }
        if line.unitWeight > 0 {
            let tol = BinTable.relativeTolerance * max(1, maxWeight[b])
            let byWeight = ((freeWeight[b] + tol) / line.unitWeight).rounded(.down)
            if byWeight < 1 { return 0 }
            if byWeight < Double(k) { k = Int(byWeight) }
        }
        return k
    }

    func holds(sku: Int32, bin b: Int) -> Bool { skuIDs[b].contains(sku) }

    /// Books `quantity` units of `line` into bin `b`.
    mutating func place(_ line: LineInfo, quantity: Int, in b: Int) {
        freeCube[b] = max(0, freeCube[b] - Double(quantity) * line.unitCube)
        freeWeight[b] = max(0, freeWeight[b] - Double(quantity) * line.unitWeight)
        if !skuIDs[b].contains(line.skuID) {
            skuIDs[b].append(line.skuID)
            binsBySKU[line.skuID, default: []].append(b)
        }
    }

    /// Cube utilization of bin `b` right now, 0…1.
    func utilization(of b: Int) -> Double {
        cubeCapacity[b] > 0 ? (cubeCapacity[b] - freeCube[b]) / cubeCapacity[b] : 0
    }
}

/// Interns SKU strings as small integers (lookups only: never iterated, so order cannot leak out).
struct SKUTable: Sendable {
    private var ids: [String: Int32] = [:]

    mutating func id(for sku: String) -> Int32 {
        if let id = ids[sku] { return id }
        let id = Int32(ids.count)
        ids[sku] = id
        return id
    }
}

/// One line's figures as the strategies need them.
struct LineInfo {
    var index: Int
    var unitCube: Double
    var unitWeight: Double
    var dimensions: Dimensions?
    var rotation: RotationPolicy
    var skuID: Int32
    var abcRank: Int
    /// Upper bound on units to place in one step (the line's remaining quantity).
    var remainingCap: Int

    init(item: PutawayItem, index: Int, skuID: Int32) {
        self.index = index
        unitCube = item.effectiveUnitCube
        unitWeight = item.unitWeightLbs
        dimensions = item.unitDimensions
        rotation = item.rotation
        self.skuID = skuID
        abcRank = item.abcClass?.rank ?? -1
        remainingCap = item.quantity
    }
}

/// A strategy's decision: `quantity` units of line `itemIndex` into bin `binIndex`.
struct Placement: Hashable {
    var itemIndex: Int
    var binIndex: Int
    var quantity: Int
    var reason: ReasonCode
}
