import Foundation
import TestSupport

/// Runs the real `promtool` (Debian's prometheus package) as the oracle binwatch must agree with.
enum Promtool {
    static let path = "/usr/bin/promtool"
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: path) }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], in directory: URL) throws -> Result {
        let result = try ChildProcess.run([path] + arguments, currentDirectory: directory.path, timeout: .seconds(300))
        return Result(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    /// A fresh temporary directory for generated rule and test files.
    static func scratchDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A YAML double-quoted scalar (JSON string syntax is valid YAML).
    static func yamlString(_ s: String) -> String {
        let data = (try? JSONEncoder().encode(s)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\\/", with: "/")
    }
}

/// The shared conformance fixtures (`../shared/promql-conformance/promtool`), resolved from this file.
enum SharedFixtures {
    static var promtoolDirectory: URL? {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // Support, RulesTests, Tests, repo root
        let dir = url.deletingLastPathComponent().appendingPathComponent("shared/promql-conformance/promtool")
        return FileManager.default.fileExists(atPath: dir.path) ? dir : nil
    }
}
