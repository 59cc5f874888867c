import Foundation
import PostgresTesting

/// Loads examples/warehouse/schema.sql and generate.sql (a small, fixed-anchor size) into a
/// test server through psql, as scripts/tests/warehouse.sh does.
enum WarehouseDatabase {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs psql on a thread of its own: a blocking wait on the cooperative pool would stall
    /// the other suites' tasks (and their timing assertions) for the seconds the load takes.
    static func load(into server: TestPostgres, bins: Int = 300, recommendations: Int = 1000) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread {
                continuation.resume(with: Result { try loadBlocking(into: server, bins: bins, recommendations: recommendations) })
            }.start()
        }
    }

    private static func loadBlocking(into server: TestPostgres, bins: Int, recommendations: Int) throws {
        let warehouse = repository.appendingPathComponent("examples/warehouse")
        try psqlFile(server, warehouse.appendingPathComponent("schema.sql").path, variables: [:])
        try psqlFile(server, warehouse.appendingPathComponent("generate.sql").path, variables: [
            "seed": "0.42", "bins": String(bins), "recommendations": String(recommendations),
            "anchor": "2025-06-01T12:00:00Z",
        ])
    }

    static func psqlFile(_ server: TestPostgres, _ file: String, variables: [String: String]) throws {
        let process = Process()
        process.executableURL = TestPostgres.binaries.appendingPathComponent("psql")
        var arguments = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", server.directory.path, "-p", String(server.port),
                         "-U", server.user, "-d", "postgres"]
        for (name, value) in variables.sorted(by: { $0.key < $1.key }) { arguments += ["-v", "\(name)=\(value)"] }
        process.arguments = arguments + ["-f", file]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw LoadError(message: "psql -f \(file) failed: \(String(decoding: stderr, as: UTF8.self))")
        }
    }

    struct LoadError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
