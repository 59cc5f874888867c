public import Model

/// A `promtool test rules` unit-test file (`cmd/promtool/unittest.go:unitTestFile`), decoded
/// strictly (unknown keys are errors, as `yaml.UnmarshalStrict`). Pure: the caller reads it.
public struct RuleTestFile: Sendable, Equatable {
    /// Rule files or globs as written, relative to the test file's directory.
    public var ruleFiles: [String] = []
    /// How often all groups are evaluated (default 1m).
    public var evaluationInterval = PromDuration(seconds: 60)
    /// Group names in evaluation order; unlisted groups sort with the first listed one.
    public var groupEvalOrder: [String] = []
    /// Floats compare equal within one ULP (Prometheus 3.5+).
    public var fuzzyCompare = false
    public var tests: [TestGroup] = []

    public init() {}

    /// One entry of `tests:`: its own storage, rules and checks.
    public struct TestGroup: Sendable, Equatable {
        public var name = ""
        /// Spacing of `input_series` values; nil = the evaluation interval (2.49+).
        public var interval: PromDuration?
        public var inputSeries: [InputSeries] = []
        public var alertRuleTests: [AlertTest] = []
        public var promqlExprTests: [ExprTest] = []
        public var externalLabels: [String: String] = [:]
        public var externalURL = ""
        /// Time of the first sample and evaluation (3.9+); nil = the Unix epoch.
        public var startTimestamp: Timestamp?

        public init() {}
    }

    /// `series:` in selector notation and `values:` in expanding notation.
    public struct InputSeries: Sendable, Equatable {
        public var series: String
        public var values: String
        /// Line of the entry, for messages.
        public var line: Int
    }

    /// `alert_rule_test` entry: the firing alerts named `alertname` at `eval_time`.
    public struct AlertTest: Sendable, Equatable {
        public var evalTime: PromDuration
        public var alertname: String
        public var expAlerts: [ExpectedAlert]
    }

    /// One expected firing alert (labels without `alertname`; the complete annotation set).
    public struct ExpectedAlert: Sendable, Equatable {
        public var labels: [String: String]
        public var annotations: [String: String]
    }

    /// `promql_expr_test` entry: an instant query and its complete result.
    public struct ExprTest: Sendable, Equatable {
        public var expr: String
        public var evalTime: PromDuration
        public var expSamples: [ExpectedSample]
    }

    /// One expected sample: labels in series notation (empty = `{}`), a value, or a native
    /// histogram (which binwatch does not support).
    public struct ExpectedSample: Sendable, Equatable {
        public var labels: String
        public var value: Double
        public var histogram: String

        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.labels == rhs.labels && lhs.value.bitPattern == rhs.value.bitPattern && lhs.histogram == rhs.histogram
        }
    }
}

/// Why a unit-test file could not be decoded, in go-yaml's words (`yaml: unmarshal errors:`…).
public struct RuleTestFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
