@testable import Daemon
import Foundation
import Model
import PostgresTesting
import PromQL
import Testing
import TestSupport

/// A reload replaces the runtime's sources; the replaced ones must end their PostgreSQL
/// sessions, so a daemon reloaded N times holds one session per source, not N.
@Suite(.serialized) struct ReloadTests {
    /// binwatch's sessions on the `wms` database, as the server counts them. A backend
    /// leaves pg_stat_activity a moment after its client hung up, so the count is read
    /// until it reaches `expected` (see `eventually`), and the last count is returned.
    static func sessions(_ server: TestPostgres, settlingTo expected: Int) async throws -> Int {
        var count = -1
        _ = try await eventually {
            let out = try await server.psql(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = 'wms' AND application_name = 'binwatch'")
            count = try #require(Int(out.trimmingCharacters(in: .whitespacesAndNewlines)), "pg_stat_activity count: \(out)")
            return count == expected
        }
        return count
    }

    @Test func reloadClosesTheReplacedSourcesSessions() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        try await server.psql("CREATE DATABASE wms")
        let ws = try Workspace()
        defer { ws.remove() }
        try FileManager.default.createDirectory(atPath: ws.path("collectors"), withIntermediateDirectories: true)
        try ws.write("collectors/one.yml", """
            collector_name: one
            metrics:
              - metric_name: answer
                type: gauge
                help: 'One row.'
                values: [v]
                query: SELECT 42 AS v
            """)
        try ws.write("binwatch.yml", """
            global: {evaluation_interval: 30s}
            sources:
              postgres:
                - {name: wms, dsn: "${DSN}", collector_files: [\(ws.path("collectors/*.yml"))]}
            """)
        let loader = ConfigLoader(environment: ["DSN": server.socketConninfo(database: "wms")])
        let scheduler = Scheduler(try loader.load(path: ws.path("binwatch.yml")), clock: ManualClock(t0), timeoutClock: PatientClock())
        #expect(try await Self.sessions(server, settlingTo: 0) == 0)
        await scheduler.runOnce(at: at(0))
        guard case .vector(let answer) = try await scheduler.query("answer", at: at(0)) else {
            Issue.record("answer is not a vector")
            return
        }
        #expect(answer.map(\.value) == [42])
        #expect(try await Self.sessions(server, settlingTo: 1) == 1)

        for k: Int64 in 1...3 {
            #expect(await scheduler.reload(using: loader) == nil)
            // The replaced source's session is gone; the new one connects at its first collect.
            #expect(try await Self.sessions(server, settlingTo: 0) == 0, "after reload \(k)")
            await scheduler.runOnce(at: at(30 * k))
            #expect(try await Self.sessions(server, settlingTo: 1) == 1, "after the cycle following reload \(k)")
        }
    }
}
