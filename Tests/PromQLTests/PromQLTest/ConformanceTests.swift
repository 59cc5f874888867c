import Foundation
import Testing
@testable import PromQL

/// Runs the upstream promqltest corpus (the core float files) through the engine in
/// strict mode, as promqltest does: results and annotations (`expect warn|info|no_warn|
/// no_info`, `eval_warn`/`eval_info`) are both checked. Evals that need native histogram
/// values are skipped. Failures must be listed in Fixtures/known-failures.txt with a reason.
@Suite struct ConformanceTests {
    static let coreFiles = [
        "aggregators", "at_modifier", "collision", "functions", "histograms", "literals", "operators",
        "range_queries", "selectors", "staleness", "subquery", "trig_functions",
    ]

    static var corpus: URL? {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/promql-conformance/upstream")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    static func knownFailures() throws -> [String: String] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/known-failures.txt")
        var out: [String: String] = [:]
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        where !line.hasPrefix("#") && !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let parts = line.split(separator: " ", maxSplits: 1)
            out[String(parts[0])] = parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : ""
        }
        return out
    }

    @Test func coreCorpusPassesExceptKnownFailures() throws {
        guard let corpus = Self.corpus else {
            print("skipped: ../shared/promql-conformance/upstream is absent")
            return
        }
        let known = try Self.knownFailures()
        #expect(known.values.allSatisfy { !$0.isEmpty }, "every known failure needs a reason")
        var passed = 0, failed = 0, skipped = 0
        var unexpected: [String] = []
        var nowPassing: [String] = []
        var rows: [(String, Int, Int, Int)] = []
        for file in Self.coreFiles {
            let text = try String(contentsOf: corpus.appendingPathComponent("\(file).test"), encoding: .utf8)
            let script = try TestScript(parsing: text)
            let report = TestScriptRunner(annotations: .check).run(script, source: text)
            var filePassed = 0, fileFailed = 0
            for (line, outcome) in report.outcomes {
                let key = "\(file).test:\(line)"
                switch outcome {
                case .passed:
                    passed += 1; filePassed += 1
                    if known[key] != nil { nowPassing.append(key) }
                case .failed(let message):
                    failed += 1; fileFailed += 1
                    if known[key] == nil { unexpected.append("\(key): \(message)") }
                case .skipped:
                    skipped += 1
                }
            }
            rows.append((file + ".test", filePassed, fileFailed, report.skipped))
        }
        rows.append(("total", passed, failed, skipped))
        // The per-file table (strict mode), for the log and for reports.
        print("conformance (strict) | file                 | passed | failed | skipped")
        for row in rows {
            print("conformance (strict) | \(row.0.padding(toLength: 20, withPad: " ", startingAt: 0)) | "
                + "\(String(row.1).leftPadded(6)) | \(String(row.2).leftPadded(6)) | \(String(row.3).leftPadded(7))")
        }
        if !nowPassing.isEmpty { print("known failures that now pass (remove them from the list): \(nowPassing)") }
        #expect(unexpected.isEmpty, "unexpected failures:\n\(unexpected.joined(separator: "\n"))")
        #expect(passed >= 1000)
        #expect(Double(passed) / Double(passed + failed) >= 0.95)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
