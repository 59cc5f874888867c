import GRDB
public import Model
public import Notify

/// Silences in the state file: `binwatch silence add|expire` writes them, the running
/// daemon's dispatcher reads the active ones at each flush (one query per flush), so a
/// silence takes effect without a reload.
public struct SQLiteSilenceStore: SilenceStore, Muter {
    let database: NotifyStateDatabase

    /// Every silence, by start time then id.
    public func all() -> [Silence] {
        database.read("silences read", fallback: []) { db in
            try String.fetchAll(db, sql: "SELECT silence FROM silences ORDER BY starts_at, id")
                .map { try NotifyStateDatabase.decode(Silence.self, $0) }
        }
    }

    /// Adds or replaces a silence by id (the protocol's form; failures go to stderr).
    public func upsert(_ silence: Silence) {
        do { try save(silence) } catch { database.report(error) }
    }

    /// Adds or replaces a silence by id.
    /// - Throws: `NotifyError` when the file cannot be written.
    public func save(_ silence: Silence) throws(NotifyError) {
        try database.write("silence save") { db in try Self.insert(silence, into: db) }
    }

    static func insert(_ silence: Silence, into db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO silences (id, silence, starts_at, ends_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET silence = excluded.silence, starts_at = excluded.starts_at,
                    ends_at = excluded.ends_at
                """,
            arguments: [silence.id, try NotifyStateDatabase.encode(silence), silence.startsAt.milliseconds, silence.endsAt.milliseconds])
    }

    static func fetch(id: String, from db: Database) throws -> Silence? {
        try String.fetchOne(db, sql: "SELECT silence FROM silences WHERE id = ?", arguments: [id])
            .map { try NotifyStateDatabase.decode(Silence.self, $0) }
    }

    /// The silence `id`, whatever its state; nil when not stored (or unreadable, reported).
    public func silence(id: String) -> Silence? {
        database.read("silence read", fallback: nil) { db in try Self.fetch(id: id, from: db) }
    }

    /// Stores `requested` as Alertmanager's `Silences.Set` does (`Silence.write(_:over:at:newID:)`):
    /// a new silence, an update in place, or the old one expired and a new one stored, in
    /// one transaction, so a concurrent `binwatch silence` or HTTP client never sees half of it.
    /// The CLI and the HTTP API both store through here.
    /// - Parameters:
    ///   - requested: the silence; an empty id asks for a new one.
    ///   - now: the write's time.
    ///   - newID: the id a new silence gets (a UUID).
    /// - Returns: the stored silence's id.
    /// - Throws: `SilenceError` (`.notFound`, `.invalid`: nothing written; `.storage`).
    public func set(_ requested: Silence, at now: Timestamp, newID: String) throws(SilenceError) -> String {
        do {
            return try database.queue.write { db in
                let existing = requested.id.isEmpty ? nil : try Self.fetch(id: requested.id, from: db)
                let write = try Silence.write(requested, over: existing, at: now, newID: newID)
                if let expired = write.expired { try Self.insert(expired, into: db) }
                try Self.insert(write.stored, into: db)
                return write.stored.id
            }
        } catch let error as SilenceError {
            throw error
        } catch {
            throw SilenceError(.storage, "state store \(database.path): silence save: \(error)")
        }
    }

    /// Ends the silence `id` at `now` (`Silence.expiring(at:)`: a pending one starts and ends now).
    /// - Returns: false when there is no such silence or it already ended.
    /// - Throws: `NotifyError` when the file cannot be written.
    public func expire(id: String, at now: Timestamp) throws(NotifyError) -> Bool {
        try database.write("silence expire") { db in
            guard let ended = try Self.fetch(id: id, from: db)?.expiring(at: now) else { return false }
            try Self.insert(ended, into: db)
            return true
        }
    }

    /// The silences in effect at `now`.
    public func active(at now: Timestamp) -> [Silence] {
        database.read("silences read", fallback: []) { db in
            try String.fetchAll(
                db, sql: "SELECT silence FROM silences WHERE starts_at <= ? AND ends_at > ? ORDER BY id",
                arguments: [now.milliseconds, now.milliseconds]
            ).map { try NotifyStateDatabase.decode(Silence.self, $0) }
        }
    }

    /// Whether an active silence matches `labels`.
    public func mutes(_ labels: Labels, at now: Timestamp) -> Bool {
        active(at: now).contains { $0.matches(labels) }
    }

    /// Which of `labelSets` are muted: the active silences are read once per flush.
    public func mutes(_ labelSets: [Labels], at now: Timestamp) -> [Bool] {
        let silences = active(at: now)
        return labelSets.map { labels in silences.contains { $0.matches(labels) } }
    }

    /// Drops silences that ended before `cutoff` (Alertmanager keeps expired ones for its
    /// retention, 120h by default, so `silence list --expired` can show them).
    public func garbageCollect(endedBefore cutoff: Timestamp) throws(NotifyError) {
        try database.write("silence gc") { db in
            try db.execute(sql: "DELETE FROM silences WHERE ends_at < ?", arguments: [cutoff.milliseconds])
        }
    }
}
