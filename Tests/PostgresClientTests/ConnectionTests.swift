import Foundation
import Model
import PostgresClient
import PostgresTesting
import Testing
import TestSupport

/// Against a real PostgreSQL 15 started per test (see PostgresTesting).
@Suite struct ConnectionTests {
    static func connection(_ server: TestPostgres, options: ConnectionOptions = .init()) throws -> Connection {
        try Connection(conninfo: Secret(server.socketConninfo), options: options)
    }

    @Test func valuesMatchPsql() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        let sql = """
            SELECT 1::int AS a, 2.5::float8 AS b, 1::numeric / 3 AS c, NULL::int AS d, true AS e, 'x y' AS f
            """
        let expected = try await server.psql(sql).trimmingCharacters(in: .newlines)
        let connection = try Self.connection(server)
        let result = try await connection.query(sql)
        let row = try #require(result.rows.first)
        let printed = row.values.map { $0 ?? "" }.joined(separator: "|")
        #expect(printed == expected)
        #expect(result.columns.map(\.name) == ["a", "b", "c", "d", "e", "f"])
        #expect(result.columns.map(\.type) == [.int4, .float8, .numeric, .int4, .bool, .text])
        #expect(try row.double(at: 2, column: result.columns[2]) == 1.0 / 3.0)
        #expect(try row.double(at: 3, column: result.columns[3]) == nil)
        #expect(result.commandTag == "SELECT 1")
    }

    @Test func parametersArePassedAsText() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        let connection = try Self.connection(server)
        let result = try await connection.query(
            "SELECT $1::int + $2::int AS sum, $3::text IS NULL AS missing", parameters: ["40", "2", nil])
        #expect(result.rows == [Row(["42", "t"])])
    }

    @Test func serverErrorsCarrySQLStateAndMessage() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        let connection = try Self.connection(server)
        await #expect {
            _ = try await connection.query("SELECT * FROM no_such_table")
        } throws: { error in
            guard let error = error as? PostgresError else { return false }
            return error.kind == .query && error.code == "42P01"
                && error.description == "ERROR: relation \"no_such_table\" does not exist (SQLSTATE 42P01)"
        }
        // The session survives a failed statement.
        #expect(try await connection.query("SELECT 7").rows == [Row(["7"])])
    }

    @Test func sessionsAreReadOnly() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        try await server.psql("CREATE TABLE t (x int)")
        let connection = try Self.connection(server)
        await #expect {
            _ = try await connection.query("INSERT INTO t VALUES (1)")
        } throws: { error in
            (error as? PostgresError)?.code == "25006"
        }
        #expect(try await server.psql("SELECT count(*) FROM t") == "0\n")
        #expect(try await connection.query("SHOW default_transaction_read_only").rows == [Row(["on"])])
    }

    @Test func aQueryCannotTurnReadOnlyOff() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        try await server.psql("CREATE TABLE t (x int)")
        let connection = try Self.connection(server)
        for sql in ["SELECT set_config('default_transaction_read_only', 'off', false)",
                    "SET default_transaction_read_only = off", "RESET ALL",
                    "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE"] {
            await #expect {
                _ = try await connection.query(sql)
            } throws: { error in
                (error as? PostgresError)?.message.contains("turned default_transaction_read_only off") == true
            }
        }
        await #expect {
            _ = try await connection.query("INSERT INTO t VALUES (1)")
        } throws: { error in
            (error as? PostgresError)?.code == "25006"
        }
        #expect(try await server.psql("SELECT count(*) FROM t") == "0\n")
    }

    @Test func timeoutCancelsTheStatementOnTheServer() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        let connection = try Self.connection(server)
        let start = ContinuousClock.now
        await #expect {
            _ = try await connection.query("SELECT pg_sleep(600)", timeout: .milliseconds(300))
        } throws: { error in
            (error as? PostgresError)?.kind == .timeout && (error as? PostgresError)?.code == "57014"
        }
        // Well before the 600 s the statement asked for (half of it leaves a loaded machine all
        // the room it needs): the timeout ended it, not the sleep.
        #expect(ContinuousClock.now - start < .seconds(300))
        let running = try await server.psql(
            "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(600)%' AND state = 'active' AND pid <> pg_backend_pid()")
        #expect(running == "0\n")
        // The same session runs the next statement, with the timeout still bounding it.
        #expect(try await connection.query("SELECT 1", timeout: .seconds(5)).rows == [Row(["1"])])
    }

    @Test func withoutStatementTimeoutTheClientCancelsAfterTheGrace() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        let options = ConnectionOptions(cancelGrace: .milliseconds(200), setsStatementTimeout: false)
        let connection = try Self.connection(server, options: options)
        await #expect {
            _ = try await connection.query("SELECT pg_sleep(30) AS napping", timeout: .milliseconds(300))
        } throws: { error in
            // PQcancel's error is "canceling statement due to user request"; binwatch knows it timed out.
            guard let error = error as? PostgresError else { return false }
            return error.kind == .timeout && error.message == "ERROR: canceling statement due to user request (binwatch cancelled it at its query timeout)"
        }
        #expect(try await connection.query("SHOW statement_timeout").rows == [Row(["0"])])
        let running = try await server.psql(
            "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%AS napping%' AND state = 'active' AND pid <> pg_backend_pid()")
        #expect(running == "0\n")
    }

    @Test func cancellingTheTaskCancelsOnTheServer() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        let connection = try Self.connection(server)
        let task = Task { try await connection.query("SELECT pg_sleep(30) AS slept") }
        // Wait (by polling the server, not sleeping a guess) until the statement is running.
        let seen = try await eventually(every: .milliseconds(50)) {
            try await server.psql(
                "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%AS slept%' AND state = 'active' AND pid <> pg_backend_pid()"
            ) == "1\n"
        }
        #expect(seen)
        task.cancel()
        let outcome = await task.result
        #expect(throws: PostgresError.self) { try outcome.get() }
        if case .failure(let error as PostgresError) = outcome { #expect(error.kind == .canceled) }
        let running = try await server.psql(
            "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%AS slept%' AND state = 'active' AND pid <> pg_backend_pid()")
        #expect(running == "0\n")
    }

    @Test func aSlowQueryDoesNotStallAnotherConnection() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        let slow = try Self.connection(server)
        let fast = try Self.connection(server)
        try await fast.connect()
        // Compared with the slow query's own end rather than a wall-clock bound, so a loaded
        // machine cannot fail the test: the fast query must finish while the slow one sleeps.
        let slowTask = Task {
            _ = try await slow.query("SELECT pg_sleep(5)")
            return ContinuousClock.now
        }
        #expect(try await fast.query("SELECT 1").rows == [Row(["1"])])
        let fastEnd = ContinuousClock.now
        let slowEnd = try await slowTask.value
        #expect(slowEnd - fastEnd > .seconds(1), "fast ended \(slowEnd - fastEnd) before slow")
    }

    @Test func reconnectsAfterTheServerRestarts() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        let options = ConnectionOptions(backoff: .init(initial: .zero, maximum: .zero))
        let connection = try Self.connection(server, options: options)
        try await connection.connect()
        try await server.stopServer()
        await #expect {
            try await connection.connect()
        } throws: { error in
            (error as? PostgresError)?.kind == .connection
        }
        try await server.start()
        try await connection.connect()
        #expect(try await connection.query("SELECT 2").rows == [Row(["2"])])
    }

    @Test func backoffHoldsOffReconnectAttempts() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        try await server.stopServer()
        let options = ConnectionOptions(backoff: .init(initial: .seconds(60), maximum: .seconds(60)))
        let connection = try Self.connection(server, options: options)
        await #expect(throws: PostgresError.self) { try await connection.connect() }
        try await server.start()
        // Within the backoff window no new attempt is made, even though the server is back.
        await #expect {
            try await connection.connect()
        } throws: { error in
            (error as? PostgresError)?.message.contains("next reconnect attempt in") == true
        }
    }

    @Test func passwordNeverAppearsInErrors() async throws {
        let password = "Sup3r-Secret-Pw"
        let server = try await TestPostgres(password: password)
        defer { server.stop() }
        // Right password over TCP through a URI with sslmode: works.
        let good = try Connection(conninfo: Secret(server.tcpURI))
        #expect(try await good.query("SELECT current_user").rows == [Row(["binwatch"])])
        // Wrong user with the password: the error names the user, never the password.
        let wrongUser = try Connection(conninfo: Secret(server.tcpURI.replacingOccurrences(of: "binwatch:", with: "nobody:")))
        do {
            try await wrongUser.connect()
            Issue.record("connecting as an unknown user succeeded")
        } catch {
            #expect(error.kind == .connection)
            #expect(error.description.contains("nobody"))
            #expect(!error.description.contains(password))
        }
        // Wrong password (the right one is a substring of it): named as such, never echoed.
        let wrongPassword = try Connection(
            conninfo: Secret("postgresql://binwatch:\(password)x@127.0.0.1:\(server.port)/postgres?sslmode=disable"))
        do {
            try await wrongPassword.connect()
            Issue.record("a wrong password was accepted")
        } catch {
            #expect(error.description.contains("password authentication failed for user \"binwatch\""))
            #expect(!error.description.contains(password))
        }
        // sslmode reaches libpq: this server has no TLS, so require fails.
        let tls = try Connection(conninfo: Secret(server.tcpURI.replacingOccurrences(of: "sslmode=disable", with: "sslmode=require")))
        do {
            try await tls.connect()
            Issue.record("sslmode=require connected to a server without TLS")
        } catch {
            #expect(error.description.contains("server does not support SSL, but SSL was required"))
            #expect(!error.description.contains(password))
        }
        // Server down: the message echoes host and port, never the password.
        try await server.stopServer()
        do {
            try await good.connect()
            Issue.record("connecting to a stopped server succeeded")
        } catch {
            #expect(error.description.contains("127.0.0.1"))
            #expect(!error.description.contains(password))
        }
    }
}
