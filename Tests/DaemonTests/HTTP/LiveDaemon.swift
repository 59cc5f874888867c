@testable import Daemon
import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import Logging
import ServiceLifecycle
import Synchronization
import Testing
import TestSupport

/// A scheduler running on the real clock with its HTTP server on a loopback port picked by
/// the system, as `binwatch run` wires them.
struct LiveDaemon {
    let scheduler: Scheduler
    let base: String
    let tasks: [Task<Void, Never>]
    /// A session that opens as many connections as the test asks (URLSession's default
    /// is a handful per host, which would queue a load test on the client side).
    let session: URLSession
    let connections: ConnectionLimits

    static func start(_ scheduler: Scheduler) async throws -> LiveDaemon {
        let port = Mutex<Int?>(nil)
        let connections = ConnectionLimits(maxConnections: await scheduler.webSettings().maxConnections)
        let service = try await HTTPService.build(
            scheduler: scheduler, loader: ConfigLoader(environment: [:]), address: "127.0.0.1:0", logger: Logger(label: "test"),
            webConfig: nil, limits: connections, onListening: { bound in port.withLock { $0 = bound } })
        let group = ServiceGroup(services: [service], logger: Logger(label: "test"))
        let server = Task { _ = try? await group.run() }
        let loop = Task { await scheduler.run() }
        var bound: Int?
        // The deadline only bounds a failure (a loaded machine may take long to bind).
        let deadline = ContinuousClock.now + pollingDeadline
        while bound == nil, ContinuousClock.now < deadline {
            bound = port.withLock { $0 }
            if bound == nil { try await Task.sleep(for: .milliseconds(10)) }
        }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 256
        configuration.timeoutIntervalForRequest = 600
        return LiveDaemon(
            scheduler: scheduler, base: "http://127.0.0.1:\(try #require(bound))", tasks: [server, loop],
            session: URLSession(configuration: configuration), connections: connections)
    }

    /// Open connections as the server counts them (from `/metrics`' source, read directly
    /// so asking does not open one more).
    func connectionsOpen() -> Int { connections.openNow }

    /// A workspace with the isolation tests' alert rule over one textfile series (cache age
    /// 100 s, not firing), 1 s cycles and `extra` config, served until stopped.
    static func start(in ws: Workspace, extra: String, alertSink: (any AlertSink)? = nil) async throws -> LiveDaemon {
        try ws.write("rules/wms.yml", QueryIsolationTests.rules)
        try ws.write("data.prom", "bin_utilization_cache_age_seconds{facility_id=\"F1\"} 100\n")
        try ws.writeConfig(extra: extra, interval: "1s")
        let daemon = try await start(Scheduler(try ws.load(), alertSink: alertSink))
        try await waitFor("the first cycle") { try await daemon.request("/-/ready").0 == 200 }
        return daemon
    }

    func stop() {
        for task in tasks { task.cancel() }
    }

    /// GET (or POST a form) and return status and body.
    func request(_ path: String, method: String = "GET", body: String? = nil) async throws -> (Int, String) {
        var request = URLRequest(url: try #require(URL(string: base + path)))
        request.httpMethod = method
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await session.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// The statuses load clients saw and how many answers they got in all.
    static func tally(_ clients: [Task<(Set<Int>, Int), Never>]) async -> (statuses: Set<Int>, answered: Int) {
        var statuses: Set<Int> = []
        var answered = 0
        for client in clients {
            let (seen, count) = await client.value
            statuses.formUnion(seen)
            answered += count
        }
        return (statuses, answered)
    }

    /// Polls `condition` until it holds or `limit` passes (a generous bound for a busy machine).
    static func waitFor(
        _ what: String, limit: Duration = .seconds(120), _ condition: () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("timed out waiting for \(what)")
        throw CancellationError()
    }
}

/// Turns for the tests that load the machine on purpose (dozens of clients hammering a live
/// daemon, or a timing-sensitive hostile client): run at once in the parallel suite on two
/// cores, one test's clients starve the other's scheduler and both miss their one-cycle bound.
/// Each still runs beside the rest of the suite.
actor LoadTurn {
    static let shared = LoadTurn()
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` when no other load test runs.
    func run(_ body: @Sendable () async throws -> Void) async throws {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
        defer {
            if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
        }
        try await body()
    }
}
