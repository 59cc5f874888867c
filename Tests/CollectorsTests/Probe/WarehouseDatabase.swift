import Foundation
import PostgresTesting
import TestSupport

/// Loads examples/warehouse/schema.sql and generate.sql (a small, fixed-anchor size) into a
/// test server through psql, as scripts/tests/warehouse.sh does.
enum WarehouseDatabase {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func load(into server: TestPostgres, bins: Int = 300, recommendations: Int = 1000) async throws {
        let warehouse = repository.appendingPathComponent("examples/warehouse")
        try await psqlFile(server, warehouse.appendingPathComponent("schema.sql").path, variables: [:])
        try await psqlFile(server, warehouse.appendingPathComponent("generate.sql").path, variables: [
            "seed": "0.42", "bins": String(bins), "recommendations": String(recommendations),
            "anchor": "2025-06-01T12:00:00Z",
        ])
    }

    static func psqlFile(_ server: TestPostgres, _ file: String, variables: [String: String]) async throws {
        var arguments = [TestPostgres.binaries.appendingPathComponent("psql").path, "-X", "-q", "-v", "ON_ERROR_STOP=1",
                         "-h", server.directory.path, "-p", String(server.port), "-U", server.user, "-d", "postgres"]
        for (name, value) in variables.sorted(by: { $0.key < $1.key }) { arguments += ["-v", "\(name)=\(value)"] }
        let result = try await ChildProcess.run(arguments + ["-f", file])
        guard result.status == 0 else { throw LoadError(message: "psql -f \(file) failed: \(result.stderr)") }
    }

    struct LoadError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
