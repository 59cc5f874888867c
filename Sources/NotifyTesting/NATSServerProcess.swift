public import Foundation
public import NATSClient
import Synchronization
import TestSupport

/// A real Debian `nats-server` (2.9) on 127.0.0.1, optionally with JetStream (file storage
/// in its own temporary directory) and with user/password or token authentication: the peer
/// of the `nats_configs` tests. It can be shut down and started again on the same port and
/// storage, for outage tests.
public final class NATSServerProcess: Sendable {
    /// The binary's path.
    public static let binary = "/usr/sbin/nats-server"
    /// Whether the binary is installed (tests skip otherwise).
    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    /// The bound port.
    public let port: Int
    /// Its own directory (logs, JetStream storage).
    public let directory: URL
    /// Credentials that pass its authentication (none when it has none).
    public let options: NATSConnectOptions
    private let arguments: [String]
    /// Keeps the port the server's across restarts (see PortReservation).
    private let reservation: PortReservation
    private let process = Mutex<RunningChild?>(nil)
    private let starts = Mutex(0)

    /// `nats://127.0.0.1:port`.
    public var server: NATSServerURL { NATSServerURL(host: "127.0.0.1", port: port) }

    /// Starts a server and waits until it is ready.
    /// - Parameters:
    ///   - jetStream: enables JetStream (`-js`, storage under `directory`).
    ///   - user: with `password`, the only user it accepts.
    ///   - token: the only token it accepts.
    ///   - configuration: a nats-server config file's text (e.g. users with permissions); the
    ///     credentials above are then only what the harness's own clients send.
    /// - Throws: when it does not start or never becomes ready.
    public init(
        jetStream: Bool = false, user: String? = nil, password: String? = nil, token: String? = nil,
        configuration: String? = nil
    ) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-nats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        reservation = try PortReservation()
        port = reservation.port
        var arguments = [Self.binary, "-a", "127.0.0.1", "-p", String(port)]
        if jetStream { arguments += ["-js", "-sd", directory.appendingPathComponent("js").path] }
        if let configuration {
            let file = directory.appendingPathComponent("nats.conf")
            try configuration.write(to: file, atomically: true, encoding: .utf8)
            arguments += ["-c", file.path]
        } else {
            if let user { arguments += ["--user", user, "--pass", password ?? ""] }
            if let token { arguments += ["--auth", token] }
        }
        self.arguments = arguments
        options = NATSConnectOptions(name: "binwatch-test", user: user, password: user == nil ? nil : password, token: token)
        try await start()
    }

    deinit { stop() }

    /// Starts the server (again, after `shutDown`) on the same port and storage and waits for
    /// its "Server is ready" log line, at most `readyTimeout` (generous: a loaded 2-core
    /// machine can be slow to start it).
    /// - Throws: when it exits first or the line never comes.
    public func start(readyTimeout: Duration = .seconds(180)) async throws {
        let count = starts.withLock { value -> Int in
            value += 1
            return value
        }
        let log = directory.appendingPathComponent("nats-\(count).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let child = try ChildProcess.start(arguments, stdoutFile: log.path, stderrFile: log.path)
        process.withLock { $0 = child }
        let deadline = ContinuousClock.now + readyTimeout
        while true {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if text.contains("Server is ready") { return }
            if !child.isRunning || ContinuousClock.now >= deadline {
                child.stop()
                throw ChildProcessError(message: "nats-server did not become ready on port \(port): \(text.suffix(2000))")
            }
            // Waiting for an external process to come up: no clock to inject here.
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Stops the server and waits until it has exited: connections are then refused.
    public func shutDown() async {
        let child = process.withLock { current -> RunningChild? in
            let running = current
            current = nil
            return running
        }
        await child?.terminated()
    }

    /// Stops the server without waiting and removes its directory (for `defer`).
    public func stop() {
        process.withLock { current in
            current?.stop()
            current = nil
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Creates a JetStream stream over `subjects` (file storage, the default 2-minute
    /// duplicate window) through the JetStream API, `$JS.API.STREAM.CREATE.<name>`.
    /// - Throws: when the server answers with an error.
    public func createStream(_ name: String, subjects: [String]) async throws {
        let request: [String: Any] = ["name": name, "subjects": subjects]
        let body = try JSONSerialization.data(withJSONObject: request)
        let answer = try await jetStreamAPI("$JS.API.STREAM.CREATE.\(name)", body: Array(body))
        guard answer["config"] != nil else { throw NATSTestError(message: "stream create answered \(answer)") }
    }

    /// How many messages the stream holds (`$JS.API.STREAM.INFO.<name>`, `state.messages`).
    public func streamMessageCount(_ name: String) async throws -> Int {
        let answer = try await jetStreamAPI("$JS.API.STREAM.INFO.\(name)", body: [])
        guard let state = answer["state"] as? [String: Any], let messages = state["messages"] as? Int else {
            throw NATSTestError(message: "stream info answered \(answer)")
        }
        return messages
    }

    private func jetStreamAPI(_ subject: String, body: [UInt8]) async throws -> [String: Any] {
        let answer = try await NATSExchange.request(
            subject, payload: body, servers: [server], options: options, timeout: pollingDeadline)
        guard let object = try JSONSerialization.jsonObject(with: Data(answer.payload)) as? [String: Any] else {
            throw NATSTestError(message: "JetStream API answered \(answer.text)")
        }
        if let error = object["error"] { throw NATSTestError(message: "JetStream API error: \(error)") }
        return object
    }
}

/// A subscriber on a real server, for asserting what was published: each `messages()` call
/// first makes a PING/PONG round trip on its own connection, so every message the server
/// routed to it before that call is in the answer.
public final class NATSSubscriber: Sendable {
    private let connection: NATSConnection
    private let received = Mutex<[NATSMessage]>([])

    /// Connects with `server`'s credentials and subscribes to `subject` (wildcards allowed).
    /// - Throws: `NATSError` when the server cannot be reached.
    public init(_ server: NATSServerProcess, subject: String) async throws {
        let (servers, options) = ([server.server], server.options)
        connection = try await NATSExchange.onThread { (cancellation: NATSCancellation) throws(NATSError) -> NATSConnection in
            let deadline = ContinuousClock.now + pollingDeadline
            let connection = try NATSConnection.connect(
                to: servers, options: options, deadline: deadline, cancellation: cancellation)
            try connection.subscribe(subject, sid: "1", deadline: deadline)
            _ = try connection.flush(deadline: deadline)
            return connection
        }
    }

    deinit { connection.close() }

    /// Every message received so far, in arrival order.
    /// - Throws: `NATSError` when the connection broke.
    public func messages() async throws -> [NATSMessage] {
        let connection = connection
        let new = try await NATSExchange.onThread { (_: NATSCancellation) throws(NATSError) -> [NATSMessage] in
            try connection.flush(deadline: ContinuousClock.now + pollingDeadline)
        }
        return received.withLock { all -> [NATSMessage] in
            all += new
            return all
        }
    }
}

/// A harness failure with the server's answer.
public struct NATSTestError: Error, CustomStringConvertible {
    /// What went wrong.
    public let message: String
    /// Creates one.
    public init(message: String) { self.message = message }
    public var description: String { message }
}
