/// How a `Connection` behaves beyond what the connection string says.
public struct ConnectionOptions: Sendable, Equatable {
    /// Used as libpq's `connect_timeout` unless the connection string sets its own.
    public var connectTimeout: Duration
    /// Statement timeout used when a query passes none; `nil` leaves the server's default.
    public var defaultQueryTimeout: Duration?
    /// How long after a query's timeout the client sends its own cancel request, in case the
    /// server-side `statement_timeout` did not fire (a pooler that drops `SET`, say).
    public var cancelGrace: Duration
    /// Reconnect pacing after a failed connection attempt.
    public var backoff: ReconnectBackoff.Policy
    /// Makes every transaction of the session read-only (`default_transaction_read_only`).
    /// binwatch never writes into the monitored database; only test fixtures turn this off.
    public var readOnly: Bool
    /// Sent as `fallback_application_name`, so `pg_stat_activity` names binwatch.
    public var applicationName: String
    /// Whether query timeouts are also set as the session's `statement_timeout`. Turn off
    /// behind PgBouncer in transaction mode, where a session `SET` would leak to other
    /// clients; the client-side `PQcancel` after `cancelGrace` then enforces the timeout alone.
    public var setsStatementTimeout: Bool

    /// Options with binwatch's defaults: 10s connect timeout, read-only, backoff 1s doubling to 60s.
    public init(
        connectTimeout: Duration = .seconds(10),
        defaultQueryTimeout: Duration? = nil,
        cancelGrace: Duration = .milliseconds(500),
        backoff: ReconnectBackoff.Policy = .init(),
        readOnly: Bool = true,
        applicationName: String = "binwatch",
        setsStatementTimeout: Bool = true
    ) {
        self.connectTimeout = connectTimeout
        self.defaultQueryTimeout = defaultQueryTimeout
        self.cancelGrace = cancelGrace
        self.backoff = backoff
        self.readOnly = readOnly
        self.applicationName = applicationName
        self.setsStatementTimeout = setsStatementTimeout
    }
}
