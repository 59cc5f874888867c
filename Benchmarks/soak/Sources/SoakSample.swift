import Foundation
import GRDB

/// One measurement of the soak, taken every `--sample-every` cycles.
struct SoakSample: Sendable {
    var cycle: Int
    /// Resident set size (`VmRSS`).
    var rssKiB: Int
    /// Series and samples in the daemon's in-memory store (`binwatch_series_store_*`).
    var storeSeries: Int
    var storeSamples: Int
    /// Pending and firing alerts of every rule.
    var activeAlerts: Int
    /// Aggregation groups the dispatcher holds.
    var dispatcherGroups: Int
    /// Rows of the state file's tables.
    var outboxRows: Int
    var nflogRows: Int
    var alertStateRows: Int
    var silenceRows: Int
    /// The state file with its -wal and -journal files.
    var stateBytes: Int
    /// The series history's WAL folder (`wal/` beside the state file): checkpoint and segments.
    var walBytes: Int
    /// Cycles per second of wall time since the previous sample.
    var cyclesPerSecond: Double

    /// The table's columns, in `row`'s order.
    static let header = ["cycle", "rss_mib", "series", "samples", "alerts", "groups", "outbox", "nflog", "alert_rows", "db_kib", "wal_kib", "cycles/s"]

    var row: [String] {
        [String(cycle), String(format: "%.1f", Double(rssKiB) / 1024), String(storeSeries), String(storeSamples),
         String(activeAlerts), String(dispatcherGroups), String(outboxRows), String(nflogRows), String(alertStateRows),
         String(stateBytes / 1024), String(walBytes / 1024), String(format: "%.0f", cyclesPerSecond)]
    }
}

/// Reads the process's memory and the state file's sizes.
enum Probe {
    /// Row counts of the state file's tables, read on a separate read-only connection (the
    /// daemon's own connections are internal to Daemon).
    static func rows(_ reader: DatabaseQueue) throws -> (outbox: Int, nflog: Int, alerts: Int, silences: Int) {
        try reader.read { db in
            func count(_ table: String) throws -> Int { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
            return (try count("notify_outbox"), try count("notify_log"), try count("alert_state"), try count("silences"))
        }
    }

    /// Bytes of the files in `directory` (the WAL folder; 0 when absent).
    static func folderBytes(_ directory: String) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.reduce(0) { total, name in
            total + (((try? FileManager.default.attributesOfItem(atPath: directory + "/" + name)[.size]) as? Int) ?? 0)
        }
    }

    /// Bytes of the SQLite file and its side files.
    static func fileBytes(_ path: String) -> Int {
        ["", "-wal", "-journal"].reduce(0) { total, suffix in
            let size = (try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size] as? Int) ?? nil
            return total + (size ?? 0)
        }
    }
}
