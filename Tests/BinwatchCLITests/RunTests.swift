import Foundation
import PostgresTesting
import TestSupport
import Testing

/// `binwatch run` as a process: SIGTERM while a collector's query is running on a real
/// PostgreSQL cancels the query (it never waits for it), writes the textfile and exits 0.
@Suite struct RunTests {
    static let slowCollector = """
        collector_name: slow
        metrics:
          - metric_name: slow_value
            type: gauge
            help: 'A query that takes ten minutes.'
            values: [v]
            query: SELECT 1 AS v FROM pg_sleep(600)
        """

    @Test func sigtermDuringSlowQueryExitsPromptly() async throws {
        let server = try await TestPostgres()
        defer { server.stop() }
        let dir = NSTemporaryDirectory() + "binwatch-run-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.slowCollector.write(toFile: dir + "/slow.yml", atomically: true, encoding: .utf8)
        try """
            global: {evaluation_interval: 15m, source_timeout: 14m}
            sources:
              postgres:
                - name: wms
                  dsn: "\(server.socketConninfo)"
                  query_timeout: 12m
                  collector_files: [slow.yml]
            output: {textfile: \(dir)/out.prom}
            state: {path: \(dir)/state.sqlite}
            """.write(toFile: dir + "/binwatch.yml", atomically: true, encoding: .utf8)

        let process = try ChildProcess.start(
            [BinwatchProcess.executable.path, "run", "--config", dir + "/binwatch.yml"], stderrFile: dir + "/stderr")
        defer { process.stop(grace: .seconds(1)) }

        let sleeping = "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(600)%' AND pid <> pg_backend_pid()"
        // The deadline only bounds a failure: a debug binary starts slowly on a loaded machine.
        var started = false
        let deadline = ContinuousClock.now + .seconds(180)
        while !started, ContinuousClock.now < deadline {
            started = try await server.psql(sleeping).trimmingCharacters(in: .whitespacesAndNewlines) == "1"
            if !started { try await Task.sleep(for: .milliseconds(100)) }
        }
        try #require(started, "the collector's pg_sleep never showed in pg_stat_activity: \(process.readStderr())")

        let clock = ContinuousClock()
        let signalled = clock.now
        process.send(SIGTERM)
        let status = await process.exited(within: .seconds(300))
        let elapsed = clock.now - signalled
        try #require(status != nil, "binwatch still running \(elapsed) after SIGTERM; stderr: \(process.readStderr())")
        #expect(status == 0, "stderr: \(process.readStderr())")
        // pg_sleep(600) would hold it for ten minutes; the cancelled query returns at once (half
        // of that leaves a loaded machine all the room it needs).
        #expect(elapsed < .seconds(300), "exit took \(elapsed)")
        #expect(try await server.psql(sleeping).trimmingCharacters(in: .whitespacesAndNewlines) == "0")

        let textfile = try String(contentsOfFile: dir + "/out.prom", encoding: .utf8)
        #expect(textfile.contains("binwatch_cycles_total 1\n"))
        let check = try await BinwatchProcess.run(["check", "metrics", "--textfile", dir + "/out.prom"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }
}
