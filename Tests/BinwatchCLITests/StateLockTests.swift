import Foundation
import TestSupport
import Testing

/// Two daemons on one state path: the second refuses to start and names the first; after the
/// first is SIGKILLed (no shutdown code runs) the path is free again at once.
@Suite struct StateLockTests {
    @Test func secondDaemonOnTheSameStatePathRefusesAndAKilledOneLeavesNoStaleLock() async throws {
        let dir = NSTemporaryDirectory() + "binwatch-lock-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = dir + "/binwatch.yml"
        try """
            global: {evaluation_interval: 1h}
            output: {textfile: \(dir)/out.prom}
            state: {path: \(dir)/state.sqlite}
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let lockFile = dir + "/state.sqlite.lock"

        let first = try ChildProcess.start(
            [BinwatchProcess.executable.path, "run", "--config", config], stderrFile: dir + "/first.stderr")
        defer { first.stop(grace: .seconds(1)) }
        // The lock is taken before the state is opened; the first cycle's textfile comes after.
        let running = try await eventually {
            FileManager.default.fileExists(atPath: dir + "/out.prom")
        }
        try #require(running, "the first daemon never wrote its textfile: \(first.readStderr())")
        let owner = try String(contentsOfFile: lockFile, encoding: .utf8)
        #expect(owner == "\(first.pid)\n")

        let second = try await BinwatchProcess.run(["run", "--config", config])
        #expect(second.status == 1)
        #expect(second.stderr.contains("state path in use: \(lockFile) is locked by another binwatch (pid \(first.pid))"),
                "stderr: \(second.stderr)")
        #expect(!second.stderr.contains("configuration rejected"))

        first.send(SIGKILL)
        #expect(await first.exited(within: .seconds(60)) != nil)
        let after = try await BinwatchProcess.run(["run", "--once", "--config", config])
        #expect(after.status == 0, "stderr: \(after.stderr)")
    }
}
