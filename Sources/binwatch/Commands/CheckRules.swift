import ArgumentParser
import Foundation
import Rules

extension Binwatch {
    /// `binwatch check rules FILE...`: `promtool check rules` with the same output and exit codes
    /// (0 ok, 1 any error, 3 lint findings with `--lint-fatal`).
    struct CheckRules: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rules",
            abstract: "Check if the rule files are valid or not (as promtool check rules).")

        @Option(help: "Linting checks to apply: duplicate-rules, all or none (comma separated).")
        var lint: String = "duplicate-rules"

        @Flag(name: .customLong("lint-fatal"), help: "Make lint errors exit with exit code 3.")
        var lintFatal = false

        @Flag(name: .customLong("ignore-unknown-fields"), help: "Ignore unknown fields in the rule files.")
        var ignoreUnknownFields = false

        @Option(help: "Which Prometheus to agree with where versions differ: 3 (default) or 2.42.")
        var compatibility: String = "3"

        @Argument(help: "The rule files to check; standard input when none are given.")
        var ruleFiles: [String] = []

        func validate() throws {
            guard compatibility == "3" || compatibility == "2.42" else {
                throw ValidationError("--compatibility must be 3 or 2.42, not \(compatibility)")
            }
        }

        func run() throws {
            let decoder = RuleFileDecoder(
                compatibility: compatibility == "2.42" ? .prometheus2_42 : .prometheus3,
                ignoreUnknownFields: ignoreUnknownFields)
            var lintDuplicates = false
            for setting in lint.split(separator: ",", omittingEmptySubsequences: false) {
                switch setting {
                case "all", "duplicate-rules": lintDuplicates = true
                case "none": break
                default: Self.out("WARNING: unknown lint option \(setting)\n")
                }
            }
            var failed = false
            var hasErrors = false
            let inputs = ruleFiles.isEmpty ? [nil] : ruleFiles.map { Optional($0) }
            for input in inputs {
                let name = input ?? "standard input"
                Self.out("Checking \(name)\n")
                let errors = check(input, name: name, decoder: decoder, lintDuplicates: lintDuplicates)
                if errors.isEmpty {
                    // Counted only on success, as promtool does.
                } else {
                    FileHandle.standardError.write(Data(("  FAILED:\n" + errors.map { $0.description + "\n" }.joined()).utf8))
                    failed = true
                    hasErrors = hasErrors || errors.contains { !$0.isLint }
                }
                Self.out("\n")
            }
            if failed && hasErrors { throw ExitCode(1) }
            if failed && lintFatal { throw ExitCode(3) }
        }

        /// Unbuffered stdout, so lines interleave with stderr in promtool's order.
        private static func out(_ text: String) {
            FileHandle.standardOutput.write(Data(text.utf8))
        }

        /// Reads and checks one file; prints the success line itself so the count stays local.
        private func check(_ path: String?, name: String, decoder: RuleFileDecoder, lintDuplicates: Bool) -> [RuleFileError] {
            let data: Data
            do {
                if let path {
                    data = try Data(contentsOf: URL(fileURLWithPath: path))
                } else {
                    data = FileHandle.standardInput.readDataToEndOfFile()
                }
            } catch {
                let reason = (error as NSError).code == NSFileReadNoSuchFileError ? "no such file or directory" : "\(error.localizedDescription)"
                return [RuleFileError(file: name, message: "open \(name): \(reason)")]
            }
            guard let text = String(data: data, encoding: .utf8) else {
                return [RuleFileError(file: name, message: "yaml: invalid leading UTF-8 octet")]
            }
            do {
                let file = try decoder.decode(text, path: name)
                if file.ignoredDocuments > 0 && decoder.compatibility == .prometheus3 {
                    // Prometheus reads the first document only; 2.42 says nothing, 3.x users get told.
                    FileHandle.standardError.write(Data(
                        "  WARNING: \(name): only the first YAML document is read; \(file.ignoredDocuments) more ignored\n".utf8))
                }
                if lintDuplicates, let lint = decoder.duplicateRules(in: file) { return [lint] }
                Self.out("  SUCCESS: \(file.ruleCount) rules found\n")
                return []
            } catch {
                return error.errors
            }
        }
    }
}
