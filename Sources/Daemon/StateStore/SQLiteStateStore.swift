import Foundation
import GRDB
public import Model
import Rules

/// Alert state in a local SQLite file (never the monitored WMS database), written whole in
/// one transaction per cycle and read back at start-up.
public struct SQLiteStateStore: Sendable {
    /// Why the store could not be opened or written.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "state store \(path): \(message)" }
    }

    public let path: String
    let queue: DatabaseQueue

    /// Opens (creating if needed) and migrates the file.
    /// - Throws: `Failure` when the file is not a usable SQLite database.
    public init(path: String) throws(Failure) {
        self.path = path
        queue = try Self.openQueue(path: path)
    }

    /// Opens (creating if needed) and migrates the state file: the alert state and the
    /// notification tables share one file and one schema history.
    static func openQueue(path: String) throws(Failure) -> DatabaseQueue {
        do {
            var configuration = Configuration()
            // The daemon and `binwatch silence` may write at once: wait rather than fail.
            configuration.busyMode = .timeout(5)
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try Migrations.migrator.migrate(queue)
            return queue
        } catch {
            throw Failure(path: path, message: "\(error)")
        }
    }

    /// Opens the store at `path`; a corrupt file is moved aside (`<path>.corrupt-<ms>`) and a
    /// new one started, and when even that fails the daemon runs without a store. Never throws:
    /// what happened is returned as `warnings` for the log.
    public static func openOrRecover(path: String, now: Timestamp) -> (store: SQLiteStateStore?, snapshot: StateSnapshot, warnings: [String]) {
        var warnings: [String] = []
        do {
            let store = try SQLiteStateStore(path: path)
            do {
                return (store, try store.load(), warnings)
            } catch {
                warnings.append("\(error); starting with empty alert state")
            }
        } catch {
            warnings.append("\(error); starting with empty alert state")
        }
        let aside = "\(path).corrupt-\(now.milliseconds)"
        do {
            if FileManager.default.fileExists(atPath: path) {
                try FileManager.default.moveItem(atPath: path, toPath: aside)
                warnings.append("moved the unreadable state file to \(aside)")
            }
            for suffix in ["-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            return (try SQLiteStateStore(path: path), StateSnapshot(), warnings)
        } catch {
            warnings.append("\(error); alert state will not survive a restart")
            return (nil, StateSnapshot(), warnings)
        }
    }

    /// Replaces the stored alerts with `alerts` and records `time` as the last write, in one transaction.
    /// - Throws: `Failure`.
    public func save(_ alerts: [SavedAlert], at time: Timestamp) throws(Failure) {
        do {
            try queue.write { db in
                try db.execute(sql: "DELETE FROM alert_state")
                let insert = try db.makeStatement(sql: """
                    INSERT INTO alert_state (group_key, rule, labels, annotations, state, value, active_at, fired_at,
                        resolved_at, last_sent_at, valid_until, keep_firing_since)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for saved in alerts {
                    let alert = saved.alert
                    try insert.execute(arguments: [
                        saved.groupKey, saved.rule, LabelsCoding.encode(alert.labels), LabelsCoding.encode(alert.annotations),
                        alert.state.rawValue, alert.value, alert.activeAt.milliseconds, alert.firedAt?.milliseconds,
                        alert.resolvedAt?.milliseconds, alert.lastSentAt?.milliseconds, alert.validUntil?.milliseconds,
                        alert.keepFiringSince?.milliseconds,
                    ])
                }
                try db.execute(
                    sql: "INSERT INTO meta (key, value) VALUES ('written_at', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    arguments: [String(time.milliseconds)])
            }
        } catch {
            throw Failure(path: path, message: "\(error)")
        }
    }

    /// Everything stored.
    /// - Throws: `Failure` when the file cannot be read or a row does not decode.
    public func load() throws(Failure) -> StateSnapshot {
        do {
            return try queue.read { db in
                var snapshot = StateSnapshot()
                if let text = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'written_at'"), let ms = Int64(text) {
                    snapshot.writtenAt = Timestamp(milliseconds: ms)
                }
                for row in try Row.fetchAll(db, sql: "SELECT * FROM alert_state ORDER BY group_key, rule, labels") {
                    let stateText: String = row["state"]
                    guard let state = AlertState(rawValue: stateText),
                        let labels = LabelsCoding.decode(row["labels"]), let annotations = LabelsCoding.decode(row["annotations"])
                    else { throw Failure(path: path, message: "alert_state row does not decode (state \(stateText))") }
                    var alert = Alert(
                        state: state, labels: labels, annotations: annotations, value: row["value"],
                        activeAt: Timestamp(milliseconds: row["active_at"]))
                    alert.firedAt = (row["fired_at"] as Int64?).map(Timestamp.init(milliseconds:))
                    alert.resolvedAt = (row["resolved_at"] as Int64?).map(Timestamp.init(milliseconds:))
                    alert.lastSentAt = (row["last_sent_at"] as Int64?).map(Timestamp.init(milliseconds:))
                    alert.validUntil = (row["valid_until"] as Int64?).map(Timestamp.init(milliseconds:))
                    alert.keepFiringSince = (row["keep_firing_since"] as Int64?).map(Timestamp.init(milliseconds:))
                    snapshot.alerts.append(SavedAlert(groupKey: row["group_key"], rule: row["rule"], alert: alert))
                }
                return snapshot
            }
        } catch let error as Failure {
            throw error
        } catch {
            throw Failure(path: path, message: "\(error)")
        }
    }
}

/// Label sets stored as a JSON array of `[name, value]` pairs (sorted, so equal sets are equal text).
enum LabelsCoding {
    static func encode(_ labels: Labels) -> String {
        let pairs = labels.map { [$0.name, $0.value] }
        guard let data = try? JSONSerialization.data(withJSONObject: pairs, options: [.sortedKeys]) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ text: String?) -> Labels? {
        guard let text, let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
            let pairs = object as? [[String]]
        else { return nil }
        var labels: [Label] = []
        for pair in pairs {
            guard pair.count == 2 else { return nil }
            labels.append(Label(name: pair[0], value: pair[1]))
        }
        return Labels(labels)
    }
}
