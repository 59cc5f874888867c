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
        try database.write("silence save") { db in
            try db.execute(
                sql: """
                    INSERT INTO silences (id, silence, starts_at, ends_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET silence = excluded.silence, starts_at = excluded.starts_at,
                        ends_at = excluded.ends_at
                    """,
                arguments: [silence.id, try NotifyStateDatabase.encode(silence), silence.startsAt.milliseconds, silence.endsAt.milliseconds])
        }
    }

    /// Ends the silence `id` at `now`.
    /// - Returns: false when there is no such silence or it already ended.
    /// - Throws: `NotifyError` when the file cannot be written.
    public func expire(id: String, at now: Timestamp) throws(NotifyError) -> Bool {
        guard var silence = all().first(where: { $0.id == id }), silence.endsAt > now else { return false }
        silence.endsAt = max(now, silence.startsAt)
        try save(silence)
        return true
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
