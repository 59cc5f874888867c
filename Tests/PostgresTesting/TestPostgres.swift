public import Foundation
import Synchronization
import TestSupport

/// A throwaway PostgreSQL 15 server for tests: `initdb` in a temporary directory, a unix
/// socket in that directory and a free TCP port on 127.0.0.1, stopped and deleted by `stop()`.
///
/// PostgreSQL refuses to run as root, so when the tests run as root the server runs as
/// the `postgres` user (`runuser`), which owns the temporary directory.
public final class TestPostgres: Sendable {
    /// Where the server binaries are (Debian's layout).
    public static let binaries = URL(fileURLWithPath: "/usr/lib/postgresql/15/bin")

    /// The temporary directory: data directory, socket and log live under it.
    public let directory: URL
    /// The TCP port on 127.0.0.1 (also the unix socket's name).
    public var port: Int { currentPort.withLock { $0 } }
    /// Chosen again when the first start finds it taken.
    private let currentPort: Mutex<Int>
    /// The superuser created by initdb.
    public let user = "binwatch"
    /// The superuser's password when started with password authentication.
    public let password: String?

    private var dataDirectory: URL { directory.appendingPathComponent("data") }
    /// The server log, for test failure messages.
    public var logFile: URL { directory.appendingPathComponent("server.log") }

    /// Creates a cluster and starts it.
    /// - Parameter password: when given, every login needs it (scram-sha-256 for socket and TCP);
    ///   otherwise authentication is `trust`.
    public init(password: String? = nil) async throws {
        self.password = password
        self.currentPort = Mutex(try Self.freePort())
        self.directory = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("binwatch-pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if getuid() == 0 {
            try FileManager.default.setAttributes([.ownerAccountName: "postgres"], ofItemAtPath: directory.path)
        }
        var initdb = [Self.binaries.appendingPathComponent("initdb").path,
                      "-D", dataDirectory.path, "-U", user, "-N", "--encoding=UTF8", "--locale=C"]
        if let password {
            let file = directory.appendingPathComponent("pwfile")
            try Data(password.utf8).write(to: file)
            if getuid() == 0 {
                try FileManager.default.setAttributes([.ownerAccountName: "postgres"], ofItemAtPath: file.path)
            }
            initdb += ["--auth=scram-sha-256", "--pwfile=\(file.path)"]
        } else {
            initdb += ["--auth=trust"]
        }
        try await runAsServerUser(initdb)
        try await startOnAFreePort()
    }

    private static func freePort() throws -> Int {
        do { return try FreePort.find() } catch { throw TestPostgresError(message: error.message) }
    }

    /// A port free when `FreePort` looked can be taken before the server binds it (by another
    /// test's server, or as the ephemeral port of any outgoing connection): then start again
    /// on another one.
    private func startOnAFreePort() async throws {
        for attempt in 1...5 {
            try? FileManager.default.removeItem(at: logFile)
            do {
                try await start()
                return
            } catch {
                let log = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
                guard attempt < 5, log.contains("Address already in use") else { throw error }
                let next = try Self.freePort()
                currentPort.withLock { $0 = next }
            }
        }
    }

    /// Starts (or restarts after `stop(keepingData:)`) the server and waits until it accepts connections.
    public func start() async throws {
        let serverOptions = "-k \(directory.path) -p \(port) -c listen_addresses=127.0.0.1 -c fsync=off"
        try await runAsServerUser([Self.binaries.appendingPathComponent("pg_ctl").path,
                             "-D", dataDirectory.path, "-o", serverOptions, "-l", logFile.path, "-w", "start"])
    }

    /// Stops the server (fast shutdown: sessions are ended) but keeps the cluster for `start()`.
    public func stopServer() async throws {
        try await runAsServerUser([Self.binaries.appendingPathComponent("pg_ctl").path,
                             "-D", dataDirectory.path, "-m", "fast", "-w", "stop"])
    }

    /// Stops the server if it runs and deletes the temporary directory. Synchronous so it
    /// can run from `defer`; it blocks the calling thread for the (fast) shutdown only.
    public func stop() {
        let command = [Self.binaries.appendingPathComponent("pg_ctl").path,
                       "-D", dataDirectory.path, "-m", "immediate", "-w", "stop"]
        _ = try? ChildProcess.run(serverUserCommand(command), timeout: .seconds(60))
        try? FileManager.default.removeItem(at: directory)
    }

    /// A key/value conninfo over the unix socket, without the password (libpq reads `PGPASSWORD`
    /// or the string's own `password=`).
    public var socketConninfo: String {
        "host=\(directory.path) port=\(port) user=\(user) dbname=postgres"
    }

    /// A `postgresql://` URI over TCP, including the password when there is one.
    public var tcpURI: String {
        let credentials = password.map { "\(user):\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0)" } ?? user
        return "postgresql://\(credentials)@127.0.0.1:\(port)/postgres?sslmode=disable"
    }

    /// Runs `sql` through `psql -X -A -t` (unaligned, tuples only, `|` between columns) and
    /// returns its standard output: the reference the tests compare binwatch's values with.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") async throws -> String {
        var environment = ProcessInfo.processInfo.environment
        if let password { environment["PGPASSWORD"] = password }
        let result = try await ChildProcess.run(
            [Self.binaries.appendingPathComponent("psql").path, "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1",
             "-h", directory.path, "-p", String(port), "-U", user, "-d", database, "-c", sql],
            environment: environment)
        guard result.status == 0 else {
            throw TestPostgresError(message: "psql failed (\(result.status)): \(result.stderr)")
        }
        return result.stdout
    }

    /// Runs the SQL file at `path` through `psql -f` with `-v name=value` variables (how the
    /// example warehouse is loaded: examples/warehouse/schema.sql and generate.sql).
    /// - Throws: `TestPostgresError` with psql's error output when any statement fails.
    public func psql(file path: String, variables: [String: String] = [:], database: String = "postgres") async throws {
        var environment = ProcessInfo.processInfo.environment
        if let password { environment["PGPASSWORD"] = password }
        var arguments = [Self.binaries.appendingPathComponent("psql").path, "-X", "-q", "-v", "ON_ERROR_STOP=1",
                         "-h", directory.path, "-p", String(port), "-U", user, "-d", database]
        for (name, value) in variables.sorted(by: { $0.key < $1.key }) { arguments += ["-v", "\(name)=\(value)"] }
        let result = try await ChildProcess.run(arguments + ["-f", path], environment: environment)
        guard result.status == 0 else {
            throw TestPostgresError(message: "psql -f \(path) failed (\(result.status)): \(result.stderr)")
        }
    }

    /// A key/value conninfo over the unix socket for `database`, without a password.
    public func socketConninfo(database: String) -> String {
        "host=\(directory.path) port=\(port) user=\(user) dbname=\(database)"
    }

    private func serverUserCommand(_ arguments: [String]) -> [String] {
        getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] + arguments : arguments
    }

    private func runAsServerUser(_ arguments: [String]) async throws {
        let result = try await ChildProcess.run(serverUserCommand(arguments))
        guard result.status == 0 else {
            let log = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
            throw TestPostgresError(
                message: "\(arguments.first ?? "") failed (\(result.status)): \(result.stderr)\(result.stdout)\n\(log)")
        }
    }
}

/// Why the test server could not be set up.
public struct TestPostgresError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
