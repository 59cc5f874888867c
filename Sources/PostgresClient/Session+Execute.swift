import CLibPQ
import Dispatch
import Foundation

extension Session {
    /// Runs one statement with text parameters through `PQexecParams`, bounded by `timeout`:
    /// the server cancels it at `statement_timeout`, and if that has not happened
    /// `cancelGrace` later the client sends `PQcancel` itself.
    func execute(
        _ sql: String, parameters: [String?], timeout: Duration?, now: ContinuousClock.Instant
    ) -> Result<QueryResult, PostgresError> {
        let conn: OpaquePointer
        switch ensureConnected(now: now) {
        case .success(let c): conn = c
        case .failure(let error): return .failure(error)
        }
        if options.setsStatementTimeout, case .failure(let error) = applyStatementTimeout(timeout, on: conn) {
            if PQstatus(conn) != CONNECTION_OK { disconnect() }
            return .failure(error)
        }

        let generation = canceller.begin()
        if let timeout {
            let canceller = self.canceller
            let deadline = DispatchTime.now() + .nanoseconds(Self.nanoseconds(timeout + options.cancelGrace))
            DispatchQueue.global().asyncAfter(deadline: deadline) {
                canceller.cancel(generation: generation, reason: .timeout)
            }
        }
        let result = Self.withOptionalCStrings(parameters) { values in
            PQexecParams(conn, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        let reason = canceller.end()
        defer { PQclear(result) }
        if options.readOnly, let guardError = readOnlyGuard(conn) { return .failure(guardError) }

        if let result {
            let status = PQresultStatus(result)
            if status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK {
                return .success(Self.read(result))
            }
        }
        let error = error(from: result, conn: conn, reason: reason)
        if PQstatus(conn) != CONNECTION_OK { disconnect() }
        return .failure(error)
    }

    /// The server reports `default_transaction_read_only` to the client whenever it changes
    /// (PostgreSQL 14+), so a statement that turned it off (`SET`, `set_config`, `RESET ALL`)
    /// is seen without a round trip. The statement itself still ran read-only (its transaction
    /// began under the old setting); the session is closed so the change dies with it.
    func readOnlyGuard(_ conn: OpaquePointer) -> PostgresError? {
        guard PQstatus(conn) == CONNECTION_OK, let reported = PQparameterStatus(conn, "default_transaction_read_only"),
              String(cString: reported) != "on" else { return nil }
        disconnect()
        return PostgresError(
            kind: .query,
            message: "the statement turned default_transaction_read_only off; the session was closed to stay read-only")
    }

    /// Turns a failed result (or none) into a `PostgresError` with the server's words.
    func error(from result: OpaquePointer?, conn: OpaquePointer, reason: Canceller.Reason?) -> PostgresError {
        guard let result, PQresultStatus(result) == PGRES_FATAL_ERROR || PQresultStatus(result) == PGRES_NONFATAL_ERROR,
              let primary = Self.field(result, "M") else {
            return PostgresError(kind: .connection, message: connectionMessage(conn, fallback: "no result from server"))
        }
        let severity = Self.field(result, "S") ?? "ERROR"
        let code = Self.field(result, "C")
        let message = connectionString.redact("\(severity): \(primary)")
        if PQstatus(conn) != CONNECTION_OK {
            // The server ended the session (shutdown, admin kill): a connection failure, not a query error.
            return PostgresError(kind: .connection, code: code, message: message)
        }
        switch (code, reason) {
        case ("57014", .task?):
            return PostgresError(kind: .canceled, code: code, message: message)
        case ("57014", .timeout?):
            // The server says "due to user request": say whose request it was.
            return PostgresError(kind: .timeout, code: code, message: message + " (binwatch cancelled it at its query timeout)")
        case ("57014", nil):
            return PostgresError(kind: .timeout, code: code, message: message)
        default:
            return PostgresError(kind: .query, code: code, message: message)
        }
    }

    /// Copies a result's columns and text values out of libpq's memory.
    static func read(_ result: OpaquePointer) -> QueryResult {
        let columnCount = Int(PQnfields(result))
        let rowCount = Int(PQntuples(result))
        let columns = (0..<columnCount).map { index in
            Column(
                name: PQfname(result, Int32(index)).map { String(cString: $0) } ?? "?column?",
                type: PostgresType(oid: PQftype(result, Int32(index))))
        }
        var rows: [Row] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<Int32(rowCount) {
            var values: [String?] = []
            values.reserveCapacity(columnCount)
            for column in 0..<Int32(columnCount) {
                if PQgetisnull(result, row, column) == 1 {
                    values.append(nil)
                } else {
                    values.append(PQgetvalue(result, row, column).map { String(cString: $0) })
                }
            }
            rows.append(Row(values))
        }
        let tag = PQcmdStatus(result).map { String(cString: $0) } ?? ""
        return QueryResult(columns: columns, rows: rows, commandTag: tag)
    }

    static func field(_ result: OpaquePointer, _ code: Unicode.Scalar) -> String? {
        guard let value = PQresultErrorField(result, Int32(code.value)) else { return nil }
        return String(cString: value)
    }

    static func nanoseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        let (product, overflow) = Int(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? Int.max : product + Int(attoseconds / 1_000_000_000)
    }

    /// Calls `body` with C strings for the parameters, NULL pointers for SQL NULL.
    static func withOptionalCStrings<R>(
        _ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R
    ) -> R {
        if strings.isEmpty { return body(nil) }
        let owned = strings.map { $0.map { strdup($0) } ?? nil }
        defer { owned.forEach { free($0) } }
        let pointers = owned.map { $0.map { UnsafePointer<CChar>($0) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}
