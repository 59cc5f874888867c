import Foundation
import Rules

#if canImport(Glibc)
import Glibc
#endif

/// The rule unit-test fixtures beside these tests and a runner that resolves their
/// `rule_files` the way the CLI does (relative to the test file, globs).
enum UnitTestFixtures {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/unittests")
    }

    /// Test files in `sub` (`shared` runs through promtool too, `v3` is binwatch only).
    static func files(in sub: String) -> [URL] {
        let dir = directory.appendingPathComponent(sub)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".test.yml") }.sorted().map { dir.appendingPathComponent($0) }
    }

    /// The verdict a fixture's name promises: `*.pass.test.yml` or `*.fail.test.yml`.
    static func expectsPass(_ url: URL) -> Bool { url.lastPathComponent.hasSuffix(".pass.test.yml") }

    /// Runs one test file in process; returns the error blocks (empty = passed).
    static func run(_ url: URL, runFilters: [String] = [], ignoreUnknownFields: Bool = false) throws -> [String] {
        let file: RuleTestFile
        do {
            file = try RuleTestFile(decoding: try String(contentsOf: url, encoding: .utf8))
        } catch let error as RuleTestFileError {
            return [error.message]
        }
        var inputs: [RuleTestRunner.RuleFileInput] = []
        for pattern in file.ruleFiles {
            let full = pattern.hasPrefix("/") ? pattern : url.deletingLastPathComponent().path + "/" + pattern
            for match in glob(full) {
                inputs.append(.init(path: match, text: .success(try String(contentsOfFile: match, encoding: .utf8))))
            }
        }
        return RuleTestRunner(runFilters: runFilters, ignoreUnknownFields: ignoreUnknownFields).run(file, ruleFiles: inputs)
    }

    static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { result.gl_pathv[$0].map { String(cString: $0) } }
    }
}
