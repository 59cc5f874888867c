import Foundation
import Testing

/// `binwatch test rules` against the real `promtool test rules` (2.42) on every shared
/// fixture: same exit status and the same FAILED blocks on stderr, so the two cannot
/// drift apart. 3.x-only fixtures run through binwatch alone.
@Suite struct TestRulesTests {
    static var fixtureRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("RulesTests/Fixtures/unittests")
    }

    static func fixtures(_ sub: String) -> [String] {
        let dir = fixtureRoot.appendingPathComponent(sub)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".test.yml") }.sorted().map { dir.appendingPathComponent($0).path }
    }

    static let promtool = "/usr/bin/promtool"

    static func runPromtool(_ arguments: [String]) async throws -> BinwatchProcess.Result {
        try await BinwatchProcess.runTool([promtool] + arguments)
    }

    @Test func fixturesExist() {
        #expect(Self.fixtures("shared").count >= 15)
        #expect(Self.fixtures("v3").count >= 3)
    }

    @Test(arguments: fixtures("shared"))
    func sameVerdictAndMessagesAsPromtool(_ path: String) async throws {
        let expectPass = path.hasSuffix(".pass.test.yml")
        let ours = try await BinwatchProcess.run(["test", "rules", path])
        #expect(ours.status == (expectPass ? 0 : 1), "\(path)\n\(ours.stderr)")
        #expect(ours.stdout.hasPrefix("Unit Testing:  \(path)\n" + (expectPass ? "  SUCCESS\n" : "\n")))
        guard FileManager.default.isExecutableFile(atPath: Self.promtool) else {
            print("skipped promtool comparison: \(Self.promtool) not installed")
            return
        }
        let theirs = try await Self.runPromtool(["test", "rules", path])
        #expect(theirs.status == ours.status, "\(path): promtool \(theirs.status), binwatch \(ours.status)")
        #expect(theirs.stderr == ours.stderr, "\(path)")
        // promtool's stdout byte for byte, `Unit Testing:  FILE` header included.
        #expect(theirs.stdout == ours.stdout, "\(path)")
    }

    @Test(arguments: fixtures("v3"))
    func prometheus3Behaviour(_ path: String) async throws {
        let ours = try await BinwatchProcess.run(["test", "rules", path])
        #expect(ours.status == (path.hasSuffix(".pass.test.yml") ? 0 : 1), "\(path)\n\(ours.stderr)")
        // The window fixtures use only 2.42 syntax: 2.42's left-closed windows give the opposite verdict.
        guard path.contains("/windows."), FileManager.default.isExecutableFile(atPath: Self.promtool) else { return }
        let theirs = try await Self.runPromtool(["test", "rules", path])
        #expect(theirs.status == (ours.status == 0 ? 1 : 0), "\(path): promtool 2.42 should disagree")
    }

    @Test func severalFilesRunIndependentlyAndRunFilterSelects() async throws {
        let pass = Self.fixtureRoot.appendingPathComponent("shared/order.pass.test.yml").path
        let fail = Self.fixtureRoot.appendingPathComponent("shared/duplicate.fail.test.yml").path
        let both = try await BinwatchProcess.run(["test", "rules", fail, pass])
        #expect(both.status == 1)
        #expect(both.stdout.hasSuffix("  SUCCESS\n\n"))
        #expect(both.stderr.hasPrefix("  FAILED:\n    rule: CollidingLabels, time: 0s, err: vector contains metrics with the same labelset after applying alert labels"))
        let failures = Self.fixtureRoot.appendingPathComponent("shared/failures.fail.test.yml").path
        let filtered = try await BinwatchProcess.run(["test", "rules", "--run", "^nothing matches$", failures])
        #expect(filtered.status == 0)
        let one = try await BinwatchProcess.run(["test", "rules", "--run", "wrong recorded", failures])
        #expect(one.status == 1)
        #expect(one.stderr.components(separatedBy: "    expr:").count == 2)
        let bad = try await BinwatchProcess.run(["test", "rules", "--run", "(", failures])
        #expect(bad.status != 0 && bad.status != 1)
    }

    @Test func missingFileIsAFailure() async throws {
        let result = try await BinwatchProcess.run(["test", "rules", "/nonexistent/t.yml"])
        #expect(result.status == 1)
        #expect(result.stderr == "  FAILED:\nopen /nonexistent/t.yml: no such file or directory\n")
    }
}
