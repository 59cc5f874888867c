import Foundation
import TestSupport

/// Starts a Python server script that binds 127.0.0.1 and prints its port as its first
/// stdout line (the local receivers and proxies of the notification tests).
enum PythonServer {
    /// Runs `script` with `arguments`; returns the process and the port it printed.
    /// - Throws: when python3 cannot start or does not report a port within `timeout`.
    static func start(
        _ script: String, arguments: [String], timeout: Duration = .seconds(30)
    ) throws -> (process: RunningChild, port: Int) {
        let process = try ChildProcess.start(["/usr/bin/python3", "-u", "-c", script] + arguments)
        let line: String
        do { line = try process.blockingFirstStdoutLine(timeout: timeout) } catch {
            process.stop()
            throw error
        }
        guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.stop()
            throw ChildProcessError(message: "the server printed \(line.debugDescription), not a port")
        }
        return (process, port)
    }
}
