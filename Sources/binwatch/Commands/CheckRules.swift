import ArgumentParser
import Foundation
import PromQL
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

        @Option(
            name: .customLong("enable-feature"),
            help: "Comma separated feature names to enable (PromQL ones, e.g. promql-experimental-functions).")
        var enableFeature: [String] = []

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
            let legacy = compatibility == "2.42"
            let options = Self.parserOptions(enableFeature, legacy: legacy)
            let decoder = RuleFileDecoder(
                compatibility: legacy ? .prometheus2_42 : .prometheus3,
                ignoreUnknownFields: ignoreUnknownFields,
                checkExpression: { expr in
                    do {
                        _ = try Parser.parseExpr(expr, options: options)
                        return nil
                    } catch {
                        return "\(error)"
                    }
                })
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

        /// promtool's `--enable-feature` handling: the PromQL switches, and the same stdout
        /// warnings, printed before any file is checked, for stable (2.42) and unknown names.
        static func parserOptions(_ features: [String], legacy: Bool) -> ParserOptions {
            var options = ParserOptions.standard
            for feature in features.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: false) }) {
                switch feature {
                case "": continue
                case "promql-at-modifier", "promql-negative-offset" where legacy:
                    out("  WARNING: Option for --enable-feature is a no-op after promotion to a stable feature: \"\(feature)\"\n")
                case "no-default-scrape-port": continue
                case "promql-experimental-functions" where !legacy: options.enableExperimentalFunctions = true
                case "promql-duration-expr" where !legacy: options.experimentalDurationExpr = true
                case "promql-extended-range-selectors" where !legacy: options.enableExtendedRangeSelectors = true
                case "promql-binop-fill-modifiers" where !legacy: options.enableBinopFillModifiers = true
                case "promql-delayed-name-removal" where !legacy: continue  // evaluation only; nothing to check
                default: out("  WARNING: Unknown option for --enable-feature: \"\(feature)\"\n")
                }
            }
            return options
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
