public import Model

/// An alert as Alertmanager holds it: identity labels, annotations, the interval it is
/// active in, and a link back to its source. The daemon builds these from the rule
/// engine's alerts (startsAt = FiredAt; endsAt = ResolvedAt, or the validity horizon
/// while firing), exactly as Prometheus's `SendAlerts` maps them.
public struct Alert: Sendable, Hashable, Codable {
    /// Identity of the alert; the fingerprint is computed from these.
    public var labels: Labels
    /// Descriptive text (summary, description, runbook).
    public var annotations: Labels
    /// When the alert started firing.
    public var startsAt: Timestamp
    /// When the alert ends or ended; nil when unknown (still firing). An alert whose
    /// `endsAt` is at or before "now" is resolved.
    public var endsAt: Timestamp?
    /// Link to the expression that produced the alert; empty when unknown.
    public var generatorURL: String

    /// Creates an alert.
    public init(
        labels: Labels, annotations: Labels = Labels(), startsAt: Timestamp, endsAt: Timestamp? = nil,
        generatorURL: String = ""
    ) {
        self.labels = labels
        self.annotations = annotations
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.generatorURL = generatorURL
    }

    /// prometheus/common's FNV-1a label-set fingerprint, the identity Alertmanager uses.
    public var fingerprint: UInt64 { labels.fingerprint }

    /// Whether the alert is resolved at `now` (`endsAt` reached), as `types.Alert.ResolvedAt`.
    public func isResolved(at now: Timestamp) -> Bool {
        guard let endsAt else { return false }
        return endsAt <= now
    }

    /// The alert's status at `now`.
    public func status(at now: Timestamp) -> AlertStatus { isResolved(at: now) ? .resolved : .firing }

    // MARK: Codable (labels as JSON objects, times as milliseconds) for durable outboxes.

    private enum CodingKeys: String, CodingKey {
        case labels, annotations, startsAt, endsAt, generatorURL
    }

    /// Decodes the form `encode(to:)` writes.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        labels = Labels(try c.decode([String: String].self, forKey: .labels))
        annotations = Labels(try c.decode([String: String].self, forKey: .annotations))
        startsAt = Timestamp(milliseconds: try c.decode(Int64.self, forKey: .startsAt))
        endsAt = try c.decodeIfPresent(Int64.self, forKey: .endsAt).map(Timestamp.init(milliseconds:))
        generatorURL = try c.decode(String.self, forKey: .generatorURL)
    }

    /// Encodes labels and annotations as objects and times as Unix milliseconds.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Dictionary(uniqueKeysWithValues: labels.map { ($0.name, $0.value) }), forKey: .labels)
        try c.encode(Dictionary(uniqueKeysWithValues: annotations.map { ($0.name, $0.value) }), forKey: .annotations)
        try c.encode(startsAt.milliseconds, forKey: .startsAt)
        try c.encodeIfPresent(endsAt?.milliseconds, forKey: .endsAt)
        try c.encode(generatorURL, forKey: .generatorURL)
    }
}

/// Firing or resolved, spelled as Alertmanager's JSON spells it.
public enum AlertStatus: String, Sendable, Hashable, Codable {
    case firing
    case resolved
}

extension Alert {
    /// Alertmanager's `types.AlertSlice` order, which every notifier sees: by `job`, then
    /// `instance` (alerts carrying the label first), then by `LabelSet.Before`.
    public static func notificationOrder(_ lhs: Alert, _ rhs: Alert) -> Bool {
        for key in ["job", "instance"] {
            let l = lhs.labels[key]
            let r = rhs.labels[key]
            switch (l, r) {
            case (nil, nil): continue
            case (nil, _): return false
            case (_, nil): return true
            case let (l?, r?): if l != r { return l < r }
            }
        }
        return labelSetBefore(lhs.labels, rhs.labels)
    }

    /// prometheus/common `LabelSet.Before`: fewer labels first, then by the merged sorted
    /// name list, an absent name sorting first.
    public static func labelSetBefore(_ a: Labels, _ b: Labels) -> Bool {
        if a.count != b.count { return a.count < b.count }
        // Go walks the merged, sorted name list; both sets are sorted by name, so a
        // merge walk gives the same answer without allocating.
        var i = a.pairs.startIndex, j = b.pairs.startIndex
        while i < a.pairs.endIndex && j < b.pairs.endIndex {
            let l = a.pairs[i], r = b.pairs[j]
            if l.name < r.name { return false }  // the name is missing from b
            if r.name < l.name { return true }  // the name is missing from a
            if l.value != r.value { return l.value < r.value }
            i += 1
            j += 1
        }
        return false
    }
}
