/// A Prometheus duration such as `1h30m`, as `prometheus/common/model.Duration` parses
/// and prints it. Named apart from `Swift.Duration`, which clocks use.
public struct PromDuration: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }
    public init(seconds: Int64) { self.milliseconds = seconds * 1000 }

    public static let zero = PromDuration(milliseconds: 0)

    public var seconds: Double { Double(milliseconds) / 1000 }

    /// Units in the order the format requires them.
    static let units: [(suffix: String, milliseconds: Int64)] = [
        ("y", 365 * 24 * 3_600_000), ("w", 7 * 24 * 3_600_000), ("d", 24 * 3_600_000),
        ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1),
    ]

    /// Parses `[0-9]+(y|w|d|h|m|s|ms)` units in descending order, each at most once, or a bare `0`.
    /// - Throws: `PromDurationError` naming what was wrong.
    public init(parsing text: String) throws(PromDurationError) {
        if text == "0" { self.milliseconds = 0; return }
        guard !text.isEmpty else { throw PromDurationError(text: text, reason: "empty duration string") }
        var rest = Substring(text)
        var total: Int64 = 0
        var nextUnit = 0
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let number = Int64(digits) else {
                throw PromDurationError(text: text, reason: "not a valid duration string")
            }
            rest = rest.dropFirst(digits.count)
            // "ms" must be tried before "m".
            let suffix = rest.hasPrefix("ms") ? "ms" : String(rest.prefix { $0.isLetter })
            guard let unitIndex = Self.units.firstIndex(where: { $0.suffix == suffix }), unitIndex >= nextUnit else {
                throw PromDurationError(text: text, reason: "not a valid duration string")
            }
            rest = rest.dropFirst(suffix.count)
            let (product, overflow1) = number.multipliedReportingOverflow(by: Self.units[unitIndex].milliseconds)
            let (sum, overflow2) = total.addingReportingOverflow(product)
            guard !overflow1, !overflow2 else { throw PromDurationError(text: text, reason: "duration out of range") }
            total = sum
            nextUnit = unitIndex + 1
        }
        self.milliseconds = total
    }

    /// Prints as `model.Duration.String()`: years and weeks only when exact, `0s` for zero.
    public var description: String {
        var ms = milliseconds
        if ms == 0 { return "0s" }
        var out = ms < 0 ? "-" : ""
        ms = ms.magnitude > Int64.max.magnitude ? Int64.max : abs(ms)
        for (index, unit) in Self.units.enumerated() {
            let exactOnly = index < 2
            if exactOnly && ms % unit.milliseconds != 0 { continue }
            let count = ms / unit.milliseconds
            if count > 0 {
                out += "\(count)\(unit.suffix)"
                ms -= count * unit.milliseconds
            }
        }
        return out
    }

    public static func < (lhs: PromDuration, rhs: PromDuration) -> Bool { lhs.milliseconds < rhs.milliseconds }
}

/// A duration string that `model.ParseDuration` would reject.
public struct PromDurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let text: String
    public let reason: String
    public var description: String { "\(reason) \"\(text)\"" }
}
