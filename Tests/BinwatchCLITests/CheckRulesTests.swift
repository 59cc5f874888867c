import Foundation
import Testing

/// `binwatch check rules` against the real promtool (2.42 here): same exit codes on every
/// shared fixture, and in `--compatibility 2.42` mode the same output lines.
@Suite struct CheckRulesTests {
    static let promtool = "/usr/bin/promtool"

    static var fixtures: URL? {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // file, BinwatchCLITests, Tests
        let dir = url.deletingLastPathComponent().appendingPathComponent("shared/promql-conformance/promtool")
        return FileManager.default.fileExists(atPath: dir.path) ? dir : nil
    }

    static func runPromtool(_ arguments: [String], in dir: URL) async throws -> (status: Int32, stdout: String, stderr: String) {
        let result = try await BinwatchProcess.runTool([promtool] + arguments, currentDirectory: dir.path)
        return (result.status, result.stdout, result.stderr)
    }

    /// Runs binwatch in `dir` (so file names print as given; tests run in parallel, so the
    /// process-wide current directory must not be changed).
    static func runBinwatch(_ arguments: [String], in dir: URL) async throws -> BinwatchProcess.Result {
        try await BinwatchProcess.run(arguments, currentDirectory: dir.path)
    }

    /// The rule files of the shared fixture directory (files with a top-level `groups:`).
    static var fixtureRuleFiles: [String] {
        guard let dir = fixtures else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { name in
            name.hasSuffix(".yml")
                && ((try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8))?.contains("\ngroups:") ?? false
                    || ((try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8))?.hasPrefix("groups:") ?? false))
        }.sorted() + ["v2.42.0/rules.yml"]
    }

    @Test func everySharedRuleFileGetsPromtoolsVerdict() async throws {
        guard let dir = Self.fixtures, FileManager.default.isExecutableFile(atPath: Self.promtool) else {
            print("skipped: ../shared/promql-conformance/promtool or /usr/bin/promtool absent")
            return
        }
        #expect(Self.fixtureRuleFiles.count >= 11)
        for file in Self.fixtureRuleFiles {
            let theirs = try await Self.runPromtool(["check", "rules", file], in: dir)
            let ours = try await Self.runBinwatch(["check", "rules", file], in: dir)
            #expect(ours.status == theirs.status, "\(file): binwatch \(ours.status), promtool \(theirs.status)\n\(ours.stderr)")
            #expect(ours.stdout.hasPrefix("Checking \(file)\n"))
            if theirs.stdout.contains("SUCCESS") { #expect(ours.stdout == theirs.stdout, "\(file)") }
            if file != "features.yml" {
                // The 3.x parser words PromQL errors differently from 2.42 in features.yml only.
                let legacy = try await Self.runBinwatch(["check", "rules", "--compatibility", "2.42", file], in: dir)
                #expect(legacy.stdout == theirs.stdout, "\(file)")
                #expect(Set(legacy.stderr.split(separator: "\n")) == Set(theirs.stderr.split(separator: "\n")), "\(file)")
            }
        }
    }

    @Test func lintOptionsAndExitCodes() async throws {
        guard let dir = Self.fixtures else {
            print("skipped: ../shared/promql-conformance/promtool absent")
            return
        }
        let lint = try await Self.runBinwatch(["check", "rules", "prometheus-rules.lint.yml"], in: dir)
        #expect(lint.status == 0)
        #expect(lint.stderr == "  FAILED:\nlint error 1 duplicate rule(s) found.\nMetric: HighRequestLatency\nLabel(s):\n\tseverity: page\nMight cause inconsistency while recording expressions\n")
        let fatal = try await Self.runBinwatch(["check", "rules", "--lint-fatal", "prometheus-rules.lint.yml"], in: dir)
        #expect(fatal.status == 3)
        let none = try await Self.runBinwatch(["check", "rules", "--lint=none", "prometheus-rules.lint.yml"], in: dir)
        #expect(none.status == 0)
        #expect(none.stdout == "Checking prometheus-rules.lint.yml\n  SUCCESS: 2 rules found\n\n")
        let extra = try await Self.runBinwatch(["check", "rules", "--ignore-unknown-fields", "rules_extrafields.yml"], in: dir)
        #expect(extra.status == 0)
        #expect(extra.stdout.contains("SUCCESS: 5 rules found"))
        let mixed = try await Self.runBinwatch(["check", "rules", "rules.yml", "rules-bad.yml", "no-such-file.yml"], in: dir)
        #expect(mixed.status == 1)
        #expect(mixed.stdout.contains("Checking rules.yml\n  SUCCESS: 5 rules found\n\nChecking rules-bad.yml\n"))
        #expect(mixed.stderr.contains("no-such-file.yml: open no-such-file.yml: no such file or directory"))
    }

    /// Hand-written bad files: every error promtool 2.42 prints, binwatch prints too.
    static let badFiles: [String] = [
        "groups:\n  - name: g\n    interval: 5x\n    rules:\n      - record: r\n        expr: up\n",
        "groups: 5\n",
        "groups:\n- name: x\n  rules:\n  - alert: a\n    expr: up\n    for: [1]\n    labels: 5\n",
        "foo: [\n",
        "groups:\n  - name: g\n    rules:\n      - record: \"bad name\"\n        alert: B\n        expr: \"\"\n        for: 5m\n        keep_firing_for: 1m\n        labels:\n          \"bad-name\": x\n        annotations:\n          a: \"{{ $labels.x }\"\n      - record: r2\n        expr: sum(\n      - expr: up\n  - name: g\n    rules: []\n  - name: \"\"\n    rules:\n      - alert: X\n        expr: up\n        labels:\n          sev: \"{{ if }}\"\n",
        "groups:\n  - name: g\n    limit: many\n    rules:\n      - record: r\n        expr: up\n        unknown: 1\n",
        "groups:\n  - name: g\n    rules:\n      - record: job:x:rate5m\n        expr: rate(x[5m]) / on(job) group_left y\n      - alert: Fine\n        expr: absent(up) or vector(1)\n        for: 10m\n        keep_firing_for: 5m\n        labels: {severity: \"{{ $labels.sev | toUpper }}\"}\n        annotations: {summary: \"{{ humanize $value }}\"}\n",
        "groups:\n  - name: g\n    rules:\n      - record: r\n        expr: 'sum by (job) (rate(x[5m]) offset'\n      - record: r\n        expr: 'x{a=\"b\"'\n      - record: r\n        expr: 'foo(x)'\n",
        "",
        "groups:\n",
        "groups:\n  - rules:\n      - record: r\n        expr: 1\n",
        "groups:\n  - name: g\n    rules:\n      - record: r\n        expr: up\n        for: 0s\n      - record: r\n        expr: up\n        labels: {a: b}\n      - record: r\n        expr: up\n        labels: {a: b}\n",
    ]

    @Test(arguments: badFiles.indices)
    func handWrittenFilesMatchPromtool(index: Int) async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.promtool) else {
            print("skipped: /usr/bin/promtool absent")
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("binwatch-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.badFiles[index].write(to: dir.appendingPathComponent("case.yml"), atomically: true, encoding: .utf8)
        let theirs = try await Self.runPromtool(["check", "rules", "case.yml"], in: dir)
        let ours = try await Self.runBinwatch(["check", "rules", "--compatibility", "2.42", "case.yml"], in: dir)
        #expect(ours.status == theirs.status)
        #expect(ours.stdout == theirs.stdout)
        // Go prints map-ordered errors (labels, annotations) in random order: compare as sets.
        #expect(Set(ours.stderr.split(separator: "\n")) == Set(theirs.stderr.split(separator: "\n")),
                "binwatch:\n\(ours.stderr)\npromtool:\n\(theirs.stderr)")
        // 3.x mode gives the same verdict on these files.
        let v3 = try await Self.runBinwatch(["check", "rules", "case.yml"], in: dir)
        #expect((v3.status == 0) == (theirs.status == 0) || Self.badFiles[index].contains("bad name"))
    }
}
