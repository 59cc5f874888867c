import ArgumentParser
import Foundation
import PromQL

extension Binwatch {
    /// `binwatch test promql FILE.test...`: runs Prometheus promqltest scripts.
    struct TestPromQL: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "promql",
            abstract: "Run Prometheus promqltest scripts (load/clear/eval) against binwatch's engine.")

        @Argument(help: "promqltest files (.test).")
        var files: [String]

        @Flag(help: "Also list skipped evals with the reason.")
        var verbose = false

        @Flag(help: "Do not check PromQL annotations (expect warn/info/no_warn/no_info); check only results.")
        var ignoreAnnotations = false

        func run() async throws {
            var passed = 0, failed = 0, skipped = 0
            for file in files {
                let text: String
                do {
                    text = try String(contentsOfFile: file, encoding: .utf8)
                } catch {
                    print("\(file): cannot read: \(error.localizedDescription)")
                    failed += 1
                    continue
                }
                let script: TestScript
                do {
                    script = try TestScript(parsing: text)
                } catch {
                    print("\(file):\(error.line): \(error.message)")
                    failed += 1
                    continue
                }
                let report = TestScriptRunner(annotations: ignoreAnnotations ? .ignore : .check).run(script, source: text)
                for (line, outcome) in report.outcomes {
                    switch outcome {
                    case .passed: passed += 1
                    case .failed(let message):
                        failed += 1
                        print("\(file):\(line): FAIL: \(message)")
                    case .skipped(let reason):
                        skipped += 1
                        if verbose { print("\(file):\(line): SKIP: \(reason)") }
                    }
                }
            }
            print("\(passed) passed, \(failed) failed, \(skipped) skipped")
            if failed > 0 { throw ExitCode(1) }
        }
    }
}
