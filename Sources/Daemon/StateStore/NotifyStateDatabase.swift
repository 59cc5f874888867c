import Foundation
import GRDB
public import Model
import Notify

/// The daemon's state file opened for notifications: the outbox, the notification log and
/// the silences share its connection (the same file and migrations as the alert state, so
/// one `state.path` holds everything a restart needs). `binwatch silence` opens it too.
public struct NotifyStateDatabase: Sendable {
    /// The SQLite file.
    public let path: String
    let queue: DatabaseQueue

    /// Opens (creating and migrating if needed) `path`.
    /// - Throws: `SQLiteStateStore.Failure` when the file is not a usable SQLite database.
    public init(path: String) throws(SQLiteStateStore.Failure) {
        self.path = path
        queue = try SQLiteStateStore.openQueue(path: path)
    }

    /// The outbox over this file.
    public var outbox: SQLiteOutbox { SQLiteOutbox(database: self) }
    /// The notification log over this file.
    public var notificationLog: SQLiteNotificationLog { SQLiteNotificationLog(database: self) }
    /// The silences over this file.
    public var silences: SQLiteSilenceStore { SQLiteSilenceStore(database: self) }

    /// Runs a write, mapping GRDB's errors to Notify's (`what` names the operation).
    func write<T>(_ what: String, _ body: (Database) throws -> T) throws(NotifyError) -> T {
        do {
            return try queue.write(body)
        } catch {
            throw NotifyError(kind: .request, message: "state store \(path): \(what): \(error)")
        }
    }

    /// Runs a read; a failure is reported to `onError` and yields `fallback` (the Notify
    /// protocols' reads do not throw).
    func read<T>(_ what: String, fallback: T, _ body: (Database) throws -> T) -> T {
        do {
            return try queue.read(body)
        } catch {
            FileHandle.standardError.write(Data("binwatch: state store \(path): \(what): \(error)\n".utf8))
            return fallback
        }
    }

    /// Reports a failure the Notify protocols cannot throw.
    func report(_ error: NotifyError) {
        FileHandle.standardError.write(Data("binwatch: \(error.message)\n".utf8))
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static func encode(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
