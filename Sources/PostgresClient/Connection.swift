import Dispatch
public import Model

/// A PostgreSQL session through libpq, usable from async code.
///
/// libpq blocks, so each `Connection` owns a serial dispatch queue and runs every libpq
/// call there; callers await a continuation. A slow database therefore occupies only its
/// own queue's thread, never Swift's cooperative pool, and never another source.
/// The session connects lazily, reconnects with capped exponential backoff after a
/// failure, and is read-only unless `ConnectionOptions.readOnly` is false.
public final class Connection: Sendable {
    private let session: Session
    private let queue: DispatchQueue

    /// A connection for `connectionString`; nothing is sent until the first call.
    public init(_ connectionString: ConnectionString, options: ConnectionOptions = ConnectionOptions()) {
        self.session = Session(connectionString: connectionString, options: options)
        self.queue = DispatchQueue(label: "binwatch.postgres.connection")
    }

    /// A connection for a libpq conninfo string or URI (`host=… dbname=…`, `postgresql://…`).
    /// - Throws: `PostgresError` of kind `.invalidConnectionString` when libpq cannot parse it.
    public convenience init(conninfo: Secret, options: ConnectionOptions = ConnectionOptions()) throws(PostgresError) {
        self.init(try ConnectionString(conninfo), options: options)
    }

    /// Connects if needed and checks the server answers; a broken session is replaced.
    /// - Throws: `PostgresError` of kind `.connection` when the server cannot be reached
    ///   (or a reconnect attempt is not yet due under the backoff).
    public func connect() async throws(PostgresError) {
        let now = ContinuousClock.now
        try await run { $0.ping(now: now) }.get()
    }

    /// Runs one statement with `$1…$n` text parameters (nil is SQL NULL).
    /// - Parameters:
    ///   - sql: a single statement; `PQexecParams` refuses several.
    ///   - parameters: values for `$1…$n`, in text form.
    ///   - timeout: cancels the statement on the server past this (default: the options').
    /// - Throws: `PostgresError`: `.query` with the server's SQLSTATE and message, `.timeout`,
    ///   `.canceled` when the calling task is cancelled, `.connection` when the session is gone.
    public func query(
        _ sql: String, parameters: [String?] = [], timeout: Duration? = nil
    ) async throws(PostgresError) -> QueryResult {
        if Task.isCancelled { throw PostgresError(kind: .canceled, message: "task cancelled before the query started") }
        let effectiveTimeout = timeout ?? session.options.defaultQueryTimeout
        let canceller = session.canceller
        let now = ContinuousClock.now
        let outcome = await withTaskCancellationHandler {
            await run { $0.execute(sql, parameters: parameters, timeout: effectiveTimeout, now: now) }
        } onCancel: {
            canceller.cancel(generation: nil, reason: .task)
        }
        return try outcome.get()
    }

    /// Closes the session; a later call connects again.
    public func close() async {
        _ = await run { session -> Result<Void, PostgresError> in
            session.disconnect()
            return .success(())
        }
    }

    /// Runs `work` on this connection's queue and resumes the caller with its outcome.
    private func run<T: Sendable>(
        _ work: @escaping @Sendable (Session) -> Result<T, PostgresError>
    ) async -> Result<T, PostgresError> {
        let session = self.session
        return await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work(session)) }
        }
    }
}
