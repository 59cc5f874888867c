import ArgumentParser
import Foundation
import Rules

#if canImport(Glibc)
import Glibc
#endif

extension Binwatch {
    /// `binwatch test rules TEST.yml...`: promtool's rule unit tests, same format, output and
    /// exit codes (0 all passed, 1 anything failed). Follows Prometheus 3.x (left-open windows).
    struct TestRules: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rules",
            abstract: "Unit tests for rules (as promtool test rules).")

        @Option(name: .customLong("run"), help: "Only run test groups whose name matches this regular expression (repeatable).")
        var runFilters: [String] = []

        @Flag(name: .customLong("ignore-unknown-fields"), help: "Ignore unknown fields in the rule files.")
        var ignoreUnknownFields = false

        @Argument(help: "The unit test files.")
        var testRuleFiles: [String]

        func validate() throws {
            for pattern in runFilters {
                if let problem = RuleTestRunner.validate(runFilter: pattern) {
                    throw ValidationError("--run \(pattern): \(problem)")
                }
            }
        }

        func run() throws {
            let runner = RuleTestRunner(runFilters: runFilters, ignoreUnknownFields: ignoreUnknownFields)
            var failed = false
            for path in testRuleFiles {
                // promtool's `fmt.Println("Unit Testing: ", filename)`: two spaces, the path as given.
                Self.out("Unit Testing:  \(path)\n")
                let errors = Self.test(path, runner: runner)
                if errors.isEmpty {
                    Self.out("  SUCCESS\n")
                } else {
                    Self.err("  FAILED:\n")
                    for error in errors {
                        Self.err(error + "\n")
                        Self.out("\n")
                    }
                    failed = true
                }
                Self.out("\n")
            }
            if failed { throw ExitCode(1) }
        }

        /// Reads, decodes and runs one test file; every problem becomes an error block.
        static func test(_ path: String, runner: RuleTestRunner) -> [String] {
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                return ["open \(path): \(readFailure(error))"]
            }
            let file: RuleTestFile
            do {
                file = try RuleTestFile(decoding: text)
            } catch {
                return [error.message]
            }
            let base = (path as NSString).deletingLastPathComponent
            var inputs: [RuleTestRunner.RuleFileInput] = []
            for pattern in file.ruleFiles {
                let joined = pattern.isEmpty || pattern.hasPrefix("/") ? pattern : GoPath.join(base.isEmpty ? "." : base, pattern)
                let matches = glob(joined)
                if matches.isEmpty { err("  WARNING: no file match pattern \(joined)\n") }
                for match in matches {
                    do {
                        inputs.append(.init(path: match, text: .success(try String(contentsOfFile: match, encoding: .utf8))))
                    } catch {
                        let failure = RuleFileError(file: match, message: "open \(match): \(readFailure(error))")
                        inputs.append(.init(path: match, text: .failure(RuleFileErrors([failure]))))
                    }
                }
            }
            return runner.run(file, ruleFiles: inputs)
        }

        /// `filepath.Glob`: sorted matches; a pattern without metacharacters matches itself if it exists.
        static func glob(_ pattern: String) -> [String] {
            var result = glob_t()
            defer { globfree(&result) }
            guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
            return (0..<Int(result.gl_pathc)).compactMap { index in result.gl_pathv[index].map { String(cString: $0) } }
        }

        static func readFailure(_ error: any Error) -> String {
            let code = (error as NSError).code
            if code == NSFileReadNoSuchFileError || code == NSFileNoSuchFileError { return "no such file or directory" }
            return error.localizedDescription
        }

        /// Unbuffered, so stdout and stderr interleave in promtool's order.
        static func out(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }
        static func err(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
    }
}

/// Go's `filepath.Join` + `Clean` for the paths promtool prints in messages.
enum GoPath {
    static func join(_ a: String, _ b: String) -> String { clean(a + "/" + b) }

    static func clean(_ path: String) -> String {
        let rooted = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !rooted {
                    parts.append(part)
                }
            default: parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
