/// Which rotations of a unit the warehouse allows, as BoxPacker's BestFit / KeepFlat / Never.
public enum RotationPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// All 6 axis-aligned orientations.
    case any
    /// Height stays vertical; the unit may turn on the floor (2 orientations).
    case thisWayUp = "this-way-up"
    /// Exactly as given (1 orientation).
    case none

    /// Every orientation of `unit` this policy allows, as (length, width, height), in a fixed order.
    public func orientations(of unit: Dimensions) -> [Dimensions] {
        let l = unit.length, w = unit.width, h = unit.height
        switch self {
        case .none:
            return [unit]
        case .thisWayUp:
            return [unit, Dimensions(length: w, width: l, height: h)]
        case .any:
            return [
                Dimensions(length: l, width: w, height: h), Dimensions(length: w, width: l, height: h),
                Dimensions(length: l, width: h, height: w), Dimensions(length: h, width: l, height: w),
                Dimensions(length: w, width: h, height: l), Dimensions(length: h, width: w, height: l),
            ]
        }
    }
}
