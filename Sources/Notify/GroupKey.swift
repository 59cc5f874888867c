public import Model

/// Identity of an aggregation group, as Alertmanager's `aggrGroup.GroupKey()` prints it:
/// `routeKey + ":" + groupLabels.String()`, e.g. `{}/{kind="slack"}:{alertname="DiskFull"}`.
/// Two replicas with one config compute the same key, hence the same PagerDuty dedup key.
public struct GroupKey: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The route's path key (`{}` for the root, `{}/{a="b"}` for a child).
    public var routeKey: String
    /// The group_by labels present on the group's alerts.
    public var groupLabels: Labels

    /// Creates a key from a route key and the group's labels.
    public init(routeKey: String, groupLabels: Labels) {
        self.routeKey = routeKey
        self.groupLabels = groupLabels
    }

    /// `routeKey:{a="1", b="2"}`, values quoted as Go's `%q` quotes them.
    public var description: String { routeKey + ":" + Self.labelSetString(groupLabels) }

    /// `hex(sha256(description))`: the 64-character PagerDuty `dedup_key`.
    public var hash: String { SHA256.hex(description) }

    /// prometheus/common `LabelSet.String()`: `{a="1", b="2"}`, sorted, `", "` separated.
    public static func labelSetString(_ labels: Labels) -> String {
        "{" + labels.map { "\($0.name)=\(GoString.quote($0.value))" }.joined(separator: ", ") + "}"
    }

    private enum CodingKeys: String, CodingKey { case routeKey, groupLabels }

    /// Decodes `{routeKey, groupLabels: {…}}`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        routeKey = try c.decode(String.self, forKey: .routeKey)
        groupLabels = Labels(try c.decode([String: String].self, forKey: .groupLabels))
    }

    /// Encodes the route key and the group labels as an object.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(routeKey, forKey: .routeKey)
        try c.encode(Dictionary(uniqueKeysWithValues: groupLabels.map { ($0.name, $0.value) }), forKey: .groupLabels)
    }
}
