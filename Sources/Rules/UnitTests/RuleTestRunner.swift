public import Model
import PromQL

/// Runs the tests of one unit-test file the way `promtool test rules` does
/// (`cmd/promtool/unittest.go:testGroup.test`), with Prometheus 3.x query semantics.
/// Pure: the caller resolves `rule_files` (paths and globs) and reads them.
///
/// Where Debian's promtool 2.42 differs (binwatch follows 3.x deliberately):
/// - range windows `(t-r, t]` and the 5m lookback `(t-5m, t]` are left-open: a sample exactly
///   `r` (or 5m) old is out (2.42 counts it), so e.g. `count_over_time(x[1m])` over 1m data is 1, not 2;
/// - `interval` defaults to `evaluation_interval` (2.42 loads every value at t=0);
/// - `fuzzy_compare`, `start_timestamp`, `--run`, `--ignore-unknown-fields`, group `labels` and
///   `query_offset` in rule files are accepted (2.42 rejects them as unknown fields);
/// - no `Unit Testing: <file>` header line (removed in 2.55);
/// - native histograms (`{{…}}` values, `histogram:`) are not supported: such tests fail with an error.
public struct RuleTestRunner: Sendable {
    /// A rule file the caller found for `rule_files`: the path as promtool would name it
    /// (joined with the test file's directory) and its text, or why it could not be read.
    public struct RuleFileInput: Sendable {
        public var path: String
        public var text: Result<String, RuleFileErrors>

        public init(path: String, text: Result<String, RuleFileErrors>) {
            self.path = path
            self.text = text
        }
    }

    /// `--run`: only test groups whose name matches one of these regular expressions run
    /// (none = all). Patterns that do not compile match nothing; check them with `validate`.
    public var runFilters: [String]
    /// `--ignore-unknown-fields` for the rule files.
    public var ignoreUnknownFields: Bool

    public init(runFilters: [String] = [], ignoreUnknownFields: Bool = false) {
        self.runFilters = runFilters
        self.ignoreUnknownFields = ignoreUnknownFields
    }

    /// Runs every selected test group of `file`.
    /// - Returns: the error blocks promtool prints under `FAILED:`, in order; empty = success.
    public func run(_ file: RuleTestFile, ruleFiles: [RuleFileInput]) -> [String] {
        var order: [String: Int] = [:]
        for (index, name) in file.groupEvalOrder.enumerated() {
            guard order[name] == nil else { return ["group name repeated in evaluation order: \(name)"] }
            order[name] = index
        }
        var errors: [String] = []
        let filters = runFilters.compactMap { try? Regex($0) }
        for test in file.tests {
            if !runFilters.isEmpty && !filters.contains(where: { (try? $0.firstMatch(in: test.name)) != nil }) { continue }
            let group = TestGroupRun(test: test, file: file, order: order, ignoreUnknownFields: ignoreUnknownFields)
            errors += group.run(ruleFiles: ruleFiles)
        }
        return errors
    }

    /// Whether `pattern` is usable as a `--run` filter.
    /// - Returns: the compiler's complaint, or nil when it compiles.
    public static func validate(runFilter pattern: String) -> String? {
        do {
            _ = try Regex(pattern)
            return nil
        } catch {
            return "\(error)"
        }
    }
}
