/// Finds bins whose own figures contradict each other. Such a bin is reported and left out of
/// the plan; clamping (say, used cube to capacity) would hide a data fault the probe exists to catch.
enum BinIssues {
    static func find(in bins: [StorageBin]) -> [BinIssue] {
        var issues = [BinIssue]()
        for (index, bin) in bins.enumerated() {
            func report(_ field: String, _ message: String) {
                issues.append(BinIssue(binIndex: index, locationId: bin.locationId, field: field, message: message))
            }
            if !(bin.cubicFeet > 0) || !bin.cubicFeet.isFinite {
                report("cubicFeet", "cube capacity must be a positive number, found \(bin.cubicFeet)")
            } else if bin.usedCubicFeet > bin.cubicFeet * (1 + BinTable.relativeTolerance) {
                report("usedCubicFeet", "used cube \(bin.usedCubicFeet) exceeds capacity \(bin.cubicFeet)")
            }
            if bin.usedCubicFeet < 0 { report("usedCubicFeet", "used cube is negative (\(bin.usedCubicFeet))") }
            if !(bin.maxWeightLbs >= 0) || !bin.maxWeightLbs.isFinite {
                report("maxWeightLbs", "weight capacity must be ≥ 0, found \(bin.maxWeightLbs)")
            } else if bin.usedWeightLbs > bin.maxWeightLbs * (1 + BinTable.relativeTolerance) {
                report("usedWeightLbs", "used weight \(bin.usedWeightLbs) exceeds capacity \(bin.maxWeightLbs)")
            }
            if bin.usedWeightLbs < 0 { report("usedWeightLbs", "used weight is negative (\(bin.usedWeightLbs))") }
            if !(0...1).contains(bin.congestion) {
                report("congestion", "congestion must lie in 0…1, found \(bin.congestion)")
            }
            if let inner = bin.innerDimensions {
                if !(inner.length > 0 && inner.width > 0 && inner.height > 0) {
                    report("length", "inner dimensions must be positive, found \(inner.length)×\(inner.width)×\(inner.height)")
                } else if bin.cubicFeet > inner.cubicFeet * 1.01 {
                    // 1% slack: WMS cube figures are rounded.
                    report("cubicFeet", "cube capacity \(bin.cubicFeet) exceeds the inner box volume \(inner.cubicFeet)")
                }
            }
        }
        return issues
    }
}
