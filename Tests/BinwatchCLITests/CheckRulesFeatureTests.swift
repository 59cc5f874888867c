import Foundation
import Testing

/// `check rules --enable-feature`, merge keys and multi-document rule files, each against
/// promtool 2.42 where it is installed.
@Suite struct CheckRulesFeatureTests {
    static func workspace(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("check-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir
    }

    static let promtoolInstalled = FileManager.default.isExecutableFile(atPath: CheckRulesTests.promtool)

    @Test func experimentalFunctionsNeedTheFeatureFlag() async throws {
        let dir = try Self.workspace(["x.yml": "groups:\n- name: g\n  rules:\n  - record: sorted\n    expr: sort_by_label(up, \"job\")\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let without = try await CheckRulesTests.runBinwatch(["check", "rules", "x.yml"], in: dir)
        #expect(without.status == 1)
        #expect(without.stderr.contains("sort_by_label"), "\(without.stderr)")
        let with = try await CheckRulesTests.runBinwatch(
            ["check", "rules", "--enable-feature=promql-experimental-functions", "x.yml"], in: dir)
        #expect(with.status == 0, "\(with.stderr)")
        #expect(with.stdout == "Checking x.yml\n  SUCCESS: 1 rules found\n\n")
    }

    @Test func legacyFeatureWarningsAreWordForWordPromtools() async throws {
        let dir = try Self.workspace(["x.yml": "groups:\n- name: g\n  rules:\n  - record: r\n    expr: up offset -1m\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let flags = ["--enable-feature=promql-at-modifier,bogus", "--enable-feature=no-default-scrape-port"]
        let ours = try await CheckRulesTests.runBinwatch(["check", "rules", "--compatibility", "2.42"] + flags + ["x.yml"], in: dir)
        #expect(ours.status == 0)
        #expect(ours.stdout == """
              WARNING: Option for --enable-feature is a no-op after promotion to a stable feature: "promql-at-modifier"
              WARNING: Unknown option for --enable-feature: "bogus"
            Checking x.yml
              SUCCESS: 1 rules found


            """)
        guard Self.promtoolInstalled else { return }
        let theirs = try await CheckRulesTests.runPromtool(flags + ["check", "rules", "x.yml"], in: dir)
        #expect(theirs.stdout == ours.stdout)
        #expect(theirs.status == ours.status)
    }

    @Test func mergeKeysAndSecondDocumentsAsPromtool() async throws {
        let merged = """
            groups:
              - name: g
                rules:
                  - &base {alert: A, expr: up == 0, for: 5m, labels: {severity: page}}
                  - {<<: *base, alert: B}
            ---
            groups: [{name: ignored, rules: [{record: r, expr: up}]}]
            """
        let badMerge = "groups:\n  - name: g\n    rules:\n      - {<<: {alert: A, bogus: 1}, expr: up}\n"
        let dir = try Self.workspace(["merged.yml": merged, "bad-merge.yml": badMerge])
        defer { try? FileManager.default.removeItem(at: dir) }
        let ours = try await CheckRulesTests.runBinwatch(["check", "rules", "--compatibility", "2.42", "merged.yml"], in: dir)
        #expect(ours.status == 0, "\(ours.stderr)")
        #expect(ours.stdout == "Checking merged.yml\n  SUCCESS: 2 rules found\n\n")
        #expect(ours.stderr.isEmpty, "2.42 says nothing about the second document")
        let v3 = try await CheckRulesTests.runBinwatch(["check", "rules", "merged.yml"], in: dir)
        #expect(v3.stdout == ours.stdout)
        #expect(v3.stderr == "  WARNING: merged.yml: only the first YAML document is read; 1 more ignored\n")
        let bad = try await CheckRulesTests.runBinwatch(["check", "rules", "--compatibility", "2.42", "bad-merge.yml"], in: dir)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("field bogus not found in type rulefmt.Rule"), "\(bad.stderr)")
        guard Self.promtoolInstalled else { return }
        for (file, result) in [("merged.yml", ours), ("bad-merge.yml", bad)] {
            let theirs = try await CheckRulesTests.runPromtool(["check", "rules", file], in: dir)
            #expect(theirs.status == result.status, "\(file)")
            #expect(theirs.stdout == result.stdout, "\(file)")
            #expect(theirs.stderr == result.stderr, "\(file)")
        }
    }
}
