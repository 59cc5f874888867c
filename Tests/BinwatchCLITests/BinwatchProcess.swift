import Foundation
import TestSupport

/// Runs the built `binwatch` executable, which SwiftPM places beside the test bundle.
enum BinwatchProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var executable: URL {
        var dir = Bundle.main.bundleURL
        // The test bundle (…/debug/binwatchPackageTests.xctest) sits beside the executable.
        while dir.pathComponents.count > 1, !FileManager.default.fileExists(atPath: dir.appendingPathComponent("binwatch").path) {
            dir.deleteLastPathComponent()
        }
        return dir.appendingPathComponent("binwatch")
    }

    /// The longest one binwatch run may take before it is killed and the test fails
    /// (a hang becomes a failure, not a stuck suite).
    static let timeout: Duration = .seconds(300)

    /// Runs binwatch with `arguments`, feeding `stdin`, and waits for it to exit on a
    /// Dispatch thread: the suite runs in parallel on a two-thread cooperative pool, and a
    /// test blocking one of those threads would stall every other test's timers.
    /// Runs in `currentDirectory` when given; the test process's directory is never changed.
    static func run(
        _ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil, currentDirectory: String? = nil
    ) async throws -> Result {
        let result = try await ChildProcess.run(
            [executable.path] + arguments, stdin: stdin, environment: environment,
            currentDirectory: currentDirectory, timeout: timeout)
        return Result(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    /// Runs any program (promtool, …) like `run`, for comparisons with binwatch.
    static func runTool(
        _ arguments: [String], stdin: String? = nil, currentDirectory: String? = nil
    ) async throws -> Result {
        let result = try await ChildProcess.run(arguments, stdin: stdin, currentDirectory: currentDirectory, timeout: timeout)
        return Result(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }
}
