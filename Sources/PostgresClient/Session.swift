import CLibPQ
import Foundation
import Model

/// The libpq connection itself and its bookkeeping.
///
/// `@unchecked Sendable` because it is confined: every method runs on its `Connection`'s
/// serial queue (libpq connections must not be used from two threads at once); only the
/// `Canceller` is touched from elsewhere, and it locks.
final class Session: @unchecked Sendable {
    let connectionString: ConnectionString
    let options: ConnectionOptions
    let canceller = Canceller()
    private var conn: OpaquePointer?
    private var backoff: ReconnectBackoff
    private var lastConnectError: PostgresError?
    /// The `statement_timeout` this session last set, in milliseconds (nil: server default).
    private var statementTimeoutMilliseconds: Int64?

    init(connectionString: ConnectionString, options: ConnectionOptions) {
        self.connectionString = connectionString
        self.options = options
        self.backoff = ReconnectBackoff(policy: options.backoff)
    }

    deinit { disconnect() }

    // MARK: Connecting

    /// Connects if not connected, respecting the reconnect backoff.
    func ensureConnected(now: ContinuousClock.Instant) -> Result<OpaquePointer, PostgresError> {
        if let conn {
            if PQstatus(conn) == CONNECTION_OK { return .success(conn) }
            disconnect()
        }
        guard backoff.mayAttempt(at: now) else {
            let wait = (backoff.nextAttempt ?? now) - now
            let last = lastConnectError?.message ?? "connection failed"
            return .failure(PostgresError(
                kind: .connection,
                message: "\(last) (next reconnect attempt in \(Self.format(wait)))"))
        }
        switch connect() {
        case .success(let conn):
            backoff.recordSuccess()
            lastConnectError = nil
            return .success(conn)
        case .failure(let error):
            backoff.recordFailure(at: now)
            lastConnectError = error
            return .failure(error)
        }
    }

    private func connect() -> Result<OpaquePointer, PostgresError> {
        let timeoutSeconds = max(1, Int(options.connectTimeout.components.seconds))
        // With expand_dbname, the expanded "dbname" string overrides keywords given before it,
        // so the user's own connect_timeout or application_name wins over these defaults.
        let keywords = ["fallback_application_name", "connect_timeout", "dbname"]
        let values = [options.applicationName, String(timeoutSeconds), connectionString.secret.reveal()]
        let conn = withCStringArray(keywords) { keywordPointers in
            withCStringArray(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let conn else {
            return .failure(PostgresError(kind: .connection, message: "libpq could not allocate a connection"))
        }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = connectionMessage(conn, fallback: "connection failed")
            PQfinish(conn)
            return .failure(PostgresError(kind: .connection, message: message))
        }
        if options.readOnly {
            // Set on the session, not per statement, so every collector query runs read-only.
            if case .failure(let error) = command(conn, "SET default_transaction_read_only = on") {
                PQfinish(conn)
                return .failure(error)
            }
        }
        self.conn = conn
        statementTimeoutMilliseconds = nil
        canceller.install(PQgetCancel(conn))
        return .success(conn)
    }

    /// Closes the connection; the next statement reconnects.
    func disconnect() {
        canceller.install(nil)
        if let conn { PQfinish(conn) }
        conn = nil
    }

    /// Checks the server answers (an empty query is one round trip), reconnecting once when
    /// the old session broke, e.g. because the server restarted.
    func ping(now: ContinuousClock.Instant) -> Result<Void, PostgresError> {
        for attempt in 0..<2 {
            let wasConnected = conn != nil
            let conn: OpaquePointer
            switch ensureConnected(now: now) {
            case .success(let c): conn = c
            case .failure(let error): return .failure(error)
            }
            // A session opened just now has answered already.
            if !wasConnected { return .success(()) }
            let result = PQexec(conn, "")
            defer { PQclear(result) }
            if let result, PQresultStatus(result) == PGRES_EMPTY_QUERY { return .success(()) }
            let message = connectionMessage(conn, fallback: "server did not answer")
            if PQstatus(conn) == CONNECTION_OK || attempt == 1 {
                return .failure(PostgresError(kind: .connection, message: message))
            }
            disconnect()
        }
        return .failure(PostgresError(kind: .connection, message: "server did not answer"))
    }

    // MARK: Helpers

    /// Runs a statement that returns no rows (`SET …`) on `conn`.
    func command(_ conn: OpaquePointer, _ sql: String) -> Result<Void, PostgresError> {
        let result = PQexec(conn, sql)
        defer { PQclear(result) }
        if let result, PQresultStatus(result) == PGRES_COMMAND_OK { return .success(()) }
        return .failure(error(from: result, conn: conn, reason: nil))
    }

    /// Sets `statement_timeout` when it differs from what the session last set.
    func applyStatementTimeout(_ timeout: Duration?, on conn: OpaquePointer) -> Result<Void, PostgresError> {
        guard let timeout else { return .success(()) }
        let milliseconds = max(1, Self.milliseconds(timeout))
        guard milliseconds != statementTimeoutMilliseconds else { return .success(()) }
        let outcome = command(conn, "SET statement_timeout = \(milliseconds)")
        if case .success = outcome { statementTimeoutMilliseconds = milliseconds }
        return outcome
    }

    /// libpq's connection-level message, trimmed and with the password redacted.
    func connectionMessage(_ conn: OpaquePointer, fallback: String) -> String {
        guard let raw = PQerrorMessage(conn) else { return fallback }
        let text = String(cString: raw).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? fallback : connectionString.redact(text)
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    static func format(_ duration: Duration) -> String {
        let milliseconds = Double(Self.milliseconds(duration))
        return String(format: "%.1fs", milliseconds / 1000)
    }
}

/// Calls `body` with a NULL-terminated array of C strings that lives for the call.
func withCStringArray<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let owned = strings.map { strdup($0) }
    defer { owned.forEach { free($0) } }
    var pointers = owned.map { UnsafePointer<CChar>($0) }
    pointers.append(nil)
    return pointers.withUnsafeBufferPointer { buffer in
        // The buffer is never empty: it always holds the terminating nil.
        body(buffer.baseAddress!)
    }
}
