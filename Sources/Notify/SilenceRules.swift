public import Model

/// Why a silence was refused or not found, worded as Alertmanager 0.25's `silence` package
/// words it (`silence invalid: …`, `silence not found`), so the CLI and the HTTP API, which
/// both go through these rules, give the same answer.
public struct SilenceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of refusal.
    public enum Kind: Sendable, Equatable {
        /// The silence breaks a rule (`silence invalid: …`): the API's 400.
        case invalid
        /// An update named an id that is not stored: the API's 404.
        case notFound
        /// The state file could not be read or written: the API's 500.
        case storage
    }

    /// What kind of refusal.
    public let kind: Kind
    /// The whole message (never holds a secret: silences carry none).
    public let message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// Alertmanager's `silence.ErrNotFound`.
    public static let notFound = SilenceError(.notFound, "silence not found")

    public var description: String { message }
}

/// A silence's state at a time, as Alertmanager's `types.CalcSilenceState` computes it.
public enum SilenceState: String, Sendable, Hashable {
    /// Started and not yet ended.
    case active
    /// Not yet started.
    case pending
    /// Ended.
    case expired
}

/// What storing a silence does: the silence written, and the one it replaces, expired,
/// when the change would rewrite history (Alertmanager's `Silences.Set`).
public struct SilenceWrite: Sendable, Equatable {
    /// The silence to store (its id may be new).
    public var stored: Silence
    /// The previous silence, ended now, when it could not be updated in place.
    public var expired: Silence?
}

extension Silence {
    /// The state at `now`: pending before `startsAt`, active before `endsAt`, then expired.
    public func state(at now: Timestamp) -> SilenceState {
        if now < startsAt { return .pending }
        if now < endsAt { return .active }
        return .expired
    }

    /// Alertmanager's `validateSilence`: at least one matcher, valid label names, regexes
    /// that compile, not every matcher matching the empty string (that would silence every
    /// alert), and an end not before the start.
    /// - Throws: `SilenceError` `.invalid`, `silence invalid: …`.
    public func validate() throws(SilenceError) {
        func invalid(_ message: String) -> SilenceError { SilenceError(.invalid, "silence invalid: \(message)") }
        if matchers.isEmpty { throw invalid("at least one matcher required") }
        var allMatchEmpty = true
        for (index, raw) in matchers.enumerated() {
            guard MetricNames.isValidLabelName(raw.name) else {
                throw invalid("invalid label matcher \(index): invalid label name \"\(raw.name)\"")
            }
            guard let kind = Matcher.Kind(rawValue: raw.op) else {
                throw invalid("invalid label matcher \(index): unknown matcher type \"\(raw.op)\"")
            }
            let compiled: Matcher
            do {
                compiled = try Matcher(kind, raw.name, raw.value)
            } catch {
                throw invalid("invalid label matcher \(index): \(error)")
            }
            // As Alertmanager's matchesEmpty: a negative matcher never counts as matching "".
            let matchesEmpty = (kind == .equal || kind == .regexMatch) && compiled.matchesEmpty
            allMatchEmpty = allMatchEmpty && matchesEmpty
        }
        if allMatchEmpty { throw invalid("at least one matcher must not match the empty string") }
        if endsAt < startsAt { throw invalid("end time must not be before start time") }
    }

    /// This silence ended at `now`, as Alertmanager's `expire`: an active one ends now, a
    /// pending one starts and ends now; nil when it had already ended.
    public func expiring(at now: Timestamp) -> Silence? {
        var ended = self
        switch state(at: now) {
        case .expired: return nil
        case .active: ended.endsAt = now
        case .pending:
            ended.startsAt = now
            ended.endsAt = now
        }
        ended.updatedAt = now
        return ended
    }

    /// What storing `requested` does when `existing` holds its id (Alertmanager's
    /// `Silences.Set`): an update that keeps history (same matchers; an active silence keeps
    /// its start and does not end in the past; a pending one does not start in the past) is
    /// made in place; any other change expires the old silence and stores a new one under
    /// `newID`, starting no earlier than `now`.
    /// - Parameters:
    ///   - requested: the silence asked for; an empty id asks for a new one.
    ///   - existing: the stored silence with `requested.id` (nil when none).
    ///   - now: the write's time (`updatedAt`).
    ///   - newID: the id a new silence gets.
    /// - Throws: `SilenceError.notFound` for an id not stored, `.invalid` for a silence
    ///   `validate()` refuses; nothing is to be written then.
    public static func write(
        _ requested: Silence, over existing: Silence?, at now: Timestamp, newID: String
    ) throws(SilenceError) -> SilenceWrite {
        if !requested.id.isEmpty && existing == nil { throw .notFound }
        var silence = requested
        silence.updatedAt = now
        try silence.validate()
        var expired: Silence?
        if let existing {
            if existing.canBeUpdated(to: silence, at: now) { return SilenceWrite(stored: silence, expired: nil) }
            expired = existing.expiring(at: now)
        }
        silence.id = newID
        if silence.startsAt < now { silence.startsAt = now }
        // Moving the start to now may put it after the end: checked again before writing.
        try silence.validate()
        return SilenceWrite(stored: silence, expired: expired)
    }

    /// Alertmanager's `canUpdate`: whether `other` replaces this silence without changing
    /// what it silenced in the past.
    func canBeUpdated(to other: Silence, at now: Timestamp) -> Bool {
        guard matchers == other.matchers else { return false }
        switch state(at: now) {
        case .active:
            // Alertmanager compares the starts to the second.
            return startsAt.milliseconds / 1000 == other.startsAt.milliseconds / 1000 && !(other.endsAt < now)
        case .pending:
            return !(other.startsAt < now)
        case .expired:
            return false
        }
    }
}
