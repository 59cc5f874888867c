import GRDB

/// The notification tables in the daemon's state file: the outbox (written before a
/// notification is sent, removed after a 2xx), the notification log (what was delivered per
/// slot, so a restart does not resend it) and the silences `binwatch silence` manages.
enum NotifyMigrations {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2-notifications") { db in
            // One row per (group, receiver, integration) slot; `state` is the firing and
            // resolved fingerprint sets in a canonical text form, so "remove only if the slot
            // still holds this state" is one conditional DELETE.
            try db.execute(sql: """
                CREATE TABLE notify_outbox (
                    group_key TEXT NOT NULL,
                    receiver TEXT NOT NULL,
                    integration TEXT NOT NULL,
                    state TEXT NOT NULL,
                    notification TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    PRIMARY KEY (group_key, receiver, integration)
                )
                """)
            try db.execute(sql: """
                CREATE TABLE notify_log (
                    group_key TEXT NOT NULL,
                    receiver TEXT NOT NULL,
                    integration TEXT NOT NULL,
                    entry TEXT NOT NULL,
                    delivered_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL,
                    PRIMARY KEY (group_key, receiver, integration)
                )
                """)
            try db.execute(sql: """
                CREATE TABLE silences (
                    id TEXT PRIMARY KEY NOT NULL,
                    silence TEXT NOT NULL,
                    starts_at INTEGER NOT NULL,
                    ends_at INTEGER NOT NULL
                )
                """)
        }
    }
}
