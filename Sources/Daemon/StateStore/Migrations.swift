import GRDB

/// The state file's schema, one GRDB migration per change so old files upgrade in place.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-alert-state") { db in
            // One row per alert a rule holds (pending, firing, or resolved and retained 15m).
            try db.execute(sql: """
                CREATE TABLE alert_state (
                    group_key TEXT NOT NULL,
                    rule TEXT NOT NULL,
                    labels TEXT NOT NULL,
                    annotations TEXT NOT NULL,
                    state TEXT NOT NULL,
                    value REAL NOT NULL,
                    active_at INTEGER NOT NULL,
                    fired_at INTEGER,
                    resolved_at INTEGER,
                    last_sent_at INTEGER,
                    valid_until INTEGER,
                    keep_firing_since INTEGER,
                    PRIMARY KEY (group_key, rule, labels)
                )
                """)
            try db.execute(sql: "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)")
        }
        // Notifications' outbox, log and silences (StateStore/NotifyMigrations.swift).
        NotifyMigrations.register(in: &migrator)
        return migrator
    }
}
