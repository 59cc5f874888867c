public import Foundation

/// Runs programs for tests without Foundation's `Process` (see `Spawn` for why): stdin,
/// stdout and stderr are temporary files, the child is reaped with `waitpid`.
public enum ChildProcess {
    /// A finished child's status and output.
    public struct Result: Sendable {
        /// The exit status, or 128 + n when signal n ended it.
        public var status: Int32
        /// Standard output, raw.
        public var stdoutData: Data
        /// Standard error, raw.
        public var stderrData: Data

        /// Standard output as UTF-8 (invalid bytes replaced).
        public var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
        /// Standard error as UTF-8 (invalid bytes replaced).
        public var stderr: String { String(decoding: stderrData, as: UTF8.self) }
    }

    /// Runs `arguments` (a bare program name is looked up in PATH) to completion.
    /// - Parameters:
    ///   - stdin: fed to the child; nil gives it /dev/null.
    ///   - environment: the child's whole environment; nil inherits this process's.
    ///   - currentDirectory: where the child starts (this process's directory is never changed).
    ///   - timeout: when exceeded the child is SIGKILLed and this throws.
    /// - Throws: `ChildProcessError` when the program cannot start or times out.
    public static func run(
        _ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil,
        currentDirectory: String? = nil, timeout: Duration? = nil
    ) throws(ChildProcessError) -> Result {
        let scratch = Scratch()
        defer { scratch.remove() }
        var input = "/dev/null"
        if let stdin {
            guard FileManager.default.createFile(atPath: scratch.stdin, contents: Data(stdin.utf8)) else {
                throw ChildProcessError(message: "cannot write \(scratch.stdin)")
            }
            input = scratch.stdin
        }
        let pid = try Spawn.start(
            arguments, stdin: input, stdout: scratch.stdout, stderr: scratch.stderr,
            environment: environment, currentDirectory: currentDirectory)
        let status: Int32
        if let timeout {
            if let finished = Spawn.wait(pid, timeout: timeout) {
                status = finished
            } else {
                kill(pid, SIGKILL)
                _ = Spawn.wait(pid, noHang: false)
                let err = String(decoding: scratch.read(scratch.stderr).suffix(2000), as: UTF8.self)
                throw ChildProcessError(
                    message: "\(arguments.joined(separator: " ")) did not finish within \(timeout); killed. stderr so far: \(err)")
            }
        } else {
            status = Spawn.wait(pid, noHang: false) ?? -1
        }
        return Result(status: status, stdoutData: scratch.read(scratch.stdout), stderrData: scratch.read(scratch.stderr))
    }

    /// `run` on a Dispatch thread, never blocking Swift's cooperative pool (tests run in
    /// parallel; a blocked pool thread delays every other test's continuations).
    public static func run(
        _ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil,
        currentDirectory: String? = nil, timeout: Duration? = nil
    ) async throws(ChildProcessError) -> Result {
        let outcome: Swift.Result<Result, ChildProcessError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: Swift.Result { () throws(ChildProcessError) -> Result in
                    try run(arguments, stdin: stdin, environment: environment,
                            currentDirectory: currentDirectory, timeout: timeout)
                })
            }
        }
        return try outcome.get()
    }

    /// Starts a long-lived child (a server); its output goes to the given files, or to
    /// temporary files `RunningChild` reads and deletes when nil.
    /// Always pair it with `terminate()` (a `defer`); `deinit` terminates it as a fallback.
    /// - Throws: `ChildProcessError` when the program cannot start.
    public static func start(
        _ arguments: [String], environment: [String: String]? = nil, currentDirectory: String? = nil,
        stdoutFile: String? = nil, stderrFile: String? = nil
    ) throws(ChildProcessError) -> RunningChild {
        let scratch = Scratch()
        let out = stdoutFile ?? scratch.stdout, err = stderrFile ?? scratch.stderr
        let pid = try Spawn.start(
            arguments, stdin: "/dev/null", stdout: out, stderr: err,
            environment: environment, currentDirectory: currentDirectory)
        return RunningChild(
            pid: pid, program: arguments[0], stdoutFile: out, stderrFile: err,
            ownedFiles: [stdoutFile == nil ? out : nil, stderrFile == nil ? err : nil].compactMap { $0 })
    }
}

/// Why a child could not be run.
public struct ChildProcessError: Error, CustomStringConvertible {
    /// What went wrong, with the program's name.
    public let message: String
    /// Creates one.
    public init(message: String) { self.message = message }
    public var description: String { message }
}

/// Temporary file names for one child's standard streams.
struct Scratch {
    let base = FileManager.default.temporaryDirectory
        .appendingPathComponent("binwatch-child-\(UUID().uuidString)").path
    var stdin: String { base + ".in" }
    var stdout: String { base + ".out" }
    var stderr: String { base + ".err" }

    func read(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }

    func remove() {
        for path in [stdin, stdout, stderr] { unlink(path) }
    }
}
