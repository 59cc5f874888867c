/// The outer size of a unit or the inner size of a bin, in inches.
///
/// `length` and `width` lie on the floor; `height` is vertical, which matters for
/// the this-way-up rotation policy.
public struct Dimensions: Sendable, Hashable, Codable {
    /// Length in inches.
    public var length: Double
    /// Width in inches.
    public var width: Double
    /// Height in inches (the vertical axis).
    public var height: Double

    /// Creates dimensions in inches.
    public init(length: Double, width: Double, height: Double) {
        self.length = length
        self.width = width
        self.height = height
    }

    /// The volume in cubic feet (1 cubic foot = 1,728 cubic inches).
    public var cubicFeet: Double { length * width * height / 1728 }
}
