/// One name/value pair of a series' identity.
public struct Label: Hashable, Sendable, Comparable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    public static func < (lhs: Label, rhs: Label) -> Bool {
        lhs.name != rhs.name ? lhs.name < rhs.name : lhs.value < rhs.value
    }
}

/// Label names Prometheus reserves for its own use.
public enum LabelName {
    public static let metricName = "__name__"
    public static let bucketBound = "le"
    public static let quantile = "quantile"
    public static let alertName = "alertname"
}
