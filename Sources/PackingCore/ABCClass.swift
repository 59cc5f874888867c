/// ABC velocity class of an item or a bin's zone: A moves fastest and belongs nearest the dock.
public enum ABCClass: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case a = "A"
    case b = "B"
    case c = "C"

    /// Position in velocity order (A = 0), used to measure how far a bin's zone is from an item's class.
    public var rank: Int {
        switch self {
        case .a: 0
        case .b: 1
        case .c: 2
        }
    }

    public static func < (lhs: ABCClass, rhs: ABCClass) -> Bool { lhs.rank < rhs.rank }
}
