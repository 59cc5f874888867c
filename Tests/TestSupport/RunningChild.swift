public import Foundation
import Synchronization

/// A started child (a server): poll it, read what it printed, stop it.
///
/// `deinit` terminates a child still running, and this process SIGKILLs any unreaped
/// child when it exits, so none outlives the test run.
public final class RunningChild: Sendable {
    /// Its process id.
    public let pid: pid_t
    /// Where its standard output and error go.
    public let stdoutFile: String
    /// Where its standard error goes.
    public let stderrFile: String
    private let program: String
    private let ownedFiles: [String]
    private let exitStatus = Mutex<Int32?>(nil)

    init(pid: pid_t, program: String, stdoutFile: String, stderrFile: String, ownedFiles: [String]) {
        self.pid = pid
        self.program = program
        self.stdoutFile = stdoutFile
        self.stderrFile = stderrFile
        self.ownedFiles = ownedFiles
    }

    deinit {
        stop(grace: .seconds(2))
        for path in ownedFiles { unlink(path) }
    }

    /// The exit status (128 + n for signal n) once it has exited and been reaped.
    public var status: Int32? { exitStatus.withLock { $0 } }

    /// Whether it still runs (reaps it, without blocking, when it has exited).
    public var isRunning: Bool { poll() == nil }

    /// Everything it wrote to stdout so far.
    public func readStdout() -> String {
        String(decoding: FileManager.default.contents(atPath: stdoutFile) ?? Data(), as: UTF8.self)
    }

    /// Everything it wrote to stderr so far.
    public func readStderr() -> String {
        String(decoding: FileManager.default.contents(atPath: stderrFile) ?? Data(), as: UTF8.self)
    }

    /// Waits until stdout holds a complete first line (a server printing its port) and
    /// returns it without the newline. Polls with `Task.sleep`, so a slow start never holds
    /// a thread of the cooperative pool (two on CI, shared by every test running beside).
    /// - Throws: when the child exits first or `timeout` passes.
    public func firstStdoutLine(timeout: Duration = .seconds(30)) async throws(ChildProcessError) -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let line = try firstLine(deadline: deadline, timeout: timeout) { return line }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// `firstStdoutLine` for a caller that cannot await (a clock's callback): blocks the
    /// calling thread while it waits.
    public func blockingFirstStdoutLine(timeout: Duration = .seconds(30)) throws(ChildProcessError) -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let line = try firstLine(deadline: deadline, timeout: timeout) { return line }
            usleep(10_000)
        }
    }

    /// The first line once printed; nil while it may still come.
    private func firstLine(deadline: ContinuousClock.Instant, timeout: Duration) throws(ChildProcessError) -> String? {
        let text = readStdout()
        if let newline = text.firstIndex(of: "\n") { return String(text[..<newline]) }
        if !isRunning {
            throw ChildProcessError(message: "\(program) exited (\(status ?? -1)) before printing a line; stderr: \(readStderr())")
        }
        if ContinuousClock.now >= deadline {
            throw ChildProcessError(message: "\(program) printed no line within \(timeout); stderr: \(readStderr())")
        }
        return nil
    }

    /// Sends `signal` (e.g. SIGKILL for a crash test) without waiting.
    public func send(_ signal: Int32) {
        if status == nil { kill(pid, signal) }
    }

    /// Waits for it to exit, at most `timeout`; its status, or nil when it still runs. Polls
    /// with `Task.sleep`, so the wait never blocks a thread of the cooperative pool (two
    /// threads on CI, which every other test's timers and the daemon under test need).
    public func exited(within timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let done = poll() { return done }
            if ContinuousClock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// SIGTERM, up to `grace` to exit, then SIGKILL; reaps it and returns its status. For a
    /// test that needs the child gone (a restart on the same state) or its exit status.
    @discardableResult
    public func terminated(grace: Duration = .seconds(5)) async -> Int32 {
        if let known = poll() { return known }
        kill(pid, SIGTERM)
        if let done = await exited(within: grace) { return done }
        kill(pid, SIGKILL)
        return await exited(within: .seconds(3600)) ?? -1
    }

    /// SIGTERM now; the wait, a SIGKILL after `grace` and the reaping happen on a Dispatch
    /// thread. What `defer`, `deinit` and error paths use: they cannot await, and a blocking
    /// wait there would hold one of the cooperative pool's two threads for as long as the
    /// child takes to stop (seconds for Prometheus on a loaded machine).
    public func stop(grace: Duration = .seconds(5)) {
        if poll() != nil { return }
        kill(pid, SIGTERM)
        // Only the pid goes along (this may run in deinit); a later `status` reads -1 then.
        let pid = pid
        DispatchQueue.global().async {
            if Spawn.wait(pid, timeout: grace) == nil {
                kill(pid, SIGKILL)
                _ = Spawn.wait(pid, noHang: false)
            }
        }
    }

    private func poll() -> Int32? {
        if let known = status { return known }
        guard let result = Spawn.wait(pid, noHang: true) else { return nil }
        exitStatus.withLock { $0 = result }
        return result
    }
}
