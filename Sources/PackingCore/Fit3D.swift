/// Does one unit fit a bin's inner box in an allowed orientation?
///
/// The planner asks this for every (line, bin) pair, so it compares pre-sorted sides instead of
/// trying orientations: a box fits another in some axis-aligned orientation exactly when its
/// sorted sides are each no longer than the other's sorted sides. The validator tries the
/// orientations one by one instead (`RotationPolicy.orientations`), so the two check each other.
public struct Fit3D: Sendable, Hashable {
    /// Tolerance for sides measured in inches (a 10"-wide unit fits a 10"-wide bin).
    public static let tolerance = 1e-9

    /// The bin's sides in ascending order.
    let sortedSides: (Double, Double, Double)
    /// The bin's floor sides in ascending order, and its height.
    let floorShort: Double, floorLong: Double, height: Double
    /// The bin as given, for the `none` policy.
    let inner: Dimensions

    /// Prepares the fit test for a bin's inner box.
    public init(inner: Dimensions) {
        self.inner = inner
        sortedSides = Fit3D.sorted(inner)
        floorShort = min(inner.length, inner.width)
        floorLong = max(inner.length, inner.width)
        height = inner.height
    }

    public static func == (a: Fit3D, b: Fit3D) -> Bool { a.inner == b.inner }
    public func hash(into hasher: inout Hasher) { hasher.combine(inner) }

    /// True when `unit` fits the inner box in an orientation `policy` allows.
    public func fits(_ unit: Dimensions, policy: RotationPolicy) -> Bool {
        let t = Fit3D.tolerance
        switch policy {
        case .none:
            return unit.length <= inner.length + t && unit.width <= inner.width + t && unit.height <= inner.height + t
        case .thisWayUp:
            return unit.height <= height + t && min(unit.length, unit.width) <= floorShort + t
                && max(unit.length, unit.width) <= floorLong + t
        case .any:
            let u = Fit3D.sorted(unit)
            return u.0 <= sortedSides.0 + t && u.1 <= sortedSides.1 + t && u.2 <= sortedSides.2 + t
        }
    }

    static func sorted(_ d: Dimensions) -> (Double, Double, Double) {
        var a = d.length, b = d.width, c = d.height
        if a > b { swap(&a, &b) }
        if b > c { swap(&b, &c) }
        if a > b { swap(&a, &b) }
        return (a, b, c)
    }
}
