public import Model

/// One silence: alerts matching every matcher are muted while `startsAt ≤ now < endsAt`.
public struct Silence: Sendable, Hashable, Codable {
    /// Identifier (a UUID string in the CLI).
    public var id: String
    /// All must match for an alert to be silenced.
    public var matchers: [SilenceMatcher]
    /// When the silence starts.
    public var startsAt: Timestamp
    /// When it ends (expiring a silence sets this to now).
    public var endsAt: Timestamp
    /// Who created it.
    public var createdBy: String
    /// Why.
    public var comment: String
    /// When it was last written (Alertmanager's `updatedAt`); its start for a silence stored
    /// before this field existed.
    public var updatedAt: Timestamp

    /// Creates a silence.
    public init(
        id: String, matchers: [Matcher], startsAt: Timestamp, endsAt: Timestamp, createdBy: String = "",
        comment: String = "", updatedAt: Timestamp? = nil
    ) {
        self.init(
            id: id, rawMatchers: matchers.map(SilenceMatcher.init), startsAt: startsAt, endsAt: endsAt, createdBy: createdBy,
            comment: comment, updatedAt: updatedAt)
    }

    /// Creates a silence from matchers not yet checked (the HTTP API's input): `validate()`
    /// says whether they compile.
    public init(
        id: String, rawMatchers: [SilenceMatcher], startsAt: Timestamp, endsAt: Timestamp, createdBy: String,
        comment: String, updatedAt: Timestamp? = nil
    ) {
        self.id = id
        self.matchers = rawMatchers
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.createdBy = createdBy
        self.comment = comment
        self.updatedAt = updatedAt ?? startsAt
    }

    private enum CodingKeys: String, CodingKey { case id, matchers, startsAt, endsAt, createdBy, comment, updatedAt }

    /// Decodes the stored form.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        matchers = try c.decode([SilenceMatcher].self, forKey: .matchers)
        startsAt = try c.decodeTimestamp(forKey: .startsAt)
        endsAt = try c.decodeTimestamp(forKey: .endsAt)
        createdBy = try c.decode(String.self, forKey: .createdBy)
        comment = try c.decode(String.self, forKey: .comment)
        updatedAt = try c.decodeIfPresent(Int64.self, forKey: .updatedAt).map(Timestamp.init(milliseconds:)) ?? startsAt
    }

    /// Encodes for durable storage.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(matchers, forKey: .matchers)
        try c.encodeTimestamp(startsAt, forKey: .startsAt)
        try c.encodeTimestamp(endsAt, forKey: .endsAt)
        try c.encode(createdBy, forKey: .createdBy)
        try c.encode(comment, forKey: .comment)
        try c.encodeTimestamp(updatedAt, forKey: .updatedAt)
    }

    /// Whether the silence is in effect at `now`.
    public func isActive(at now: Timestamp) -> Bool { startsAt <= now && now < endsAt }

    /// Whether every matcher matches `labels`.
    public func matches(_ labels: Labels) -> Bool {
        matchers.allSatisfy { $0.matcher?.matches(labels[$0.name] ?? "") ?? false }
    }
}

/// A matcher in a codable form (a silence is stored durably by the daemon).
public struct SilenceMatcher: Sendable, Hashable, Codable {
    /// Label name.
    public var name: String
    /// `=`, `!=`, `=~` or `!~`.
    public var op: String
    /// Value or regex.
    public var value: String

    /// Wraps a matcher.
    public init(_ matcher: Matcher) {
        name = matcher.name
        op = matcher.kind.rawValue
        value = matcher.value
    }

    /// A matcher as given (the HTTP API's input), checked by `Silence.validate()`.
    public init(name: String, op: Matcher.Kind, value: String) {
        self.name = name
        self.op = op.rawValue
        self.value = value
    }

    /// The compiled matcher; nil if the stored form is invalid.
    public var matcher: Matcher? {
        guard let kind = Matcher.Kind(rawValue: op) else { return nil }
        return try? Matcher(kind, name, value)
    }
}

/// Where silences are kept; the daemon stores them in SQLite, tests in memory.
public protocol SilenceStore: Sendable {
    /// Every silence, active or not.
    func all() async -> [Silence]
    /// Adds or replaces a silence by id.
    func upsert(_ silence: Silence) async
}

/// In-memory silences implementing `Muter`.
public actor Silences: Muter, SilenceStore {
    private var byID: [String: Silence] = [:]

    /// Creates an empty set.
    public init(_ silences: [Silence] = []) {
        for silence in silences { byID[silence.id] = silence }
    }

    /// Every silence, sorted by id.
    public func all() -> [Silence] { byID.values.sorted { $0.id < $1.id } }

    /// Adds or replaces a silence.
    public func upsert(_ silence: Silence) { byID[silence.id] = silence }

    /// Ends a silence now; false when unknown or already ended.
    @discardableResult
    public func expire(id: String, at now: Timestamp) -> Bool {
        guard let silence = byID[id]?.expiring(at: now) else { return false }
        byID[id] = silence
        return true
    }

    /// Drops silences that ended before `cutoff` (Alertmanager keeps them for retention).
    public func garbageCollect(endedBefore cutoff: Timestamp) {
        byID = byID.filter { $0.value.endsAt >= cutoff }
    }

    /// Whether an active silence matches `labels`.
    public func mutes(_ labels: Labels, at now: Timestamp) -> Bool {
        byID.values.contains { $0.isActive(at: now) && $0.matches(labels) }
    }

    /// Which of `labelSets` are muted, in one actor hop.
    public func mutes(_ labelSets: [Labels], at now: Timestamp) -> [Bool] {
        labelSets.map { mutes($0, at: now) }
    }
}
