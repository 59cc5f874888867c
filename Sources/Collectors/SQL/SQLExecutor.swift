public import PostgresClient

/// What an SQL collector needs from a database session: the seam between `Collectors`
/// and `PostgresClient`. `PostgresClient.Connection` is the implementation.
public protocol SQLExecutor: Sendable {
    /// Connects if needed and checks the server answers.
    /// - Throws: `PostgresError` (kind `.connection`) when it does not.
    func connect() async throws(PostgresError)

    /// Runs one read-only statement and returns its rows.
    /// - Parameters:
    ///   - sql: one statement.
    ///   - parameters: `$1…$n` in text form.
    ///   - timeout: the statement is cancelled on the server past this.
    /// - Throws: `PostgresError` with the server's SQLSTATE and message.
    func query(_ sql: String, parameters: [String?], timeout: Duration?) async throws(PostgresError) -> QueryResult

    /// Ends the session with a Terminate message rather than a dropped socket; a later call reconnects.
    func close() async
}

extension Connection: SQLExecutor {}
