public import Foundation
public import Model

/// A parsed promqltest script (Prometheus's `promql/promqltest` format, 3.x and the
/// v2.42 dialect): commands in file order, each with its 1-based line number. The
/// engine's runner executes them; this type only reads the text.
public struct TestScript: Sendable {
    public var commands: [TestCommand]

    /// Parses a script. A command that needs native histograms or other unsupported
    /// features is kept with a `skipReason` instead of failing the whole file.
    /// - Throws: `TestScriptError` (line and message) for malformed scripts, including
    ///   an `eval` expression that does not parse (upstream fails the file then, too).
    /// - Parameter skipUnparsableEvals: keep an `eval` whose expression 3.x cannot parse
    ///   (e.g. `holt_winters` in the v2.42 corpus) as a skipped command instead of failing.
    public init(parsing text: String, skipUnparsableEvals: Bool = false) throws(TestScriptError) {
        commands = try TestScriptReader(text: text, skipUnparsableEvals: skipUnparsableEvals).read()
    }
}

/// One command of a script.
public enum TestCommand: Sendable {
    case load(LoadCommand)
    case clear(line: Int)
    case eval(EvalCommand)

    public var line: Int {
        switch self {
        case .load(let command): command.line
        case .clear(let line): line
        case .eval(let command): command.line
        }
    }
}

/// `load <interval>` with its series lines.
public struct LoadCommand: Sendable {
    public var line: Int
    /// Milliseconds between values.
    public var interval: Int64
    /// `load_with_nhcb`: also load classic histograms as native ones (not supported).
    public var withNHCB: Bool
    /// Series in order; a repeated label set within one block replaces the earlier one.
    public var series: [LoadedSeries]
    /// Why this load cannot be executed faithfully by a float-only engine, if so.
    public var skipReason: String?
    /// Series lines with native histogram samples (`{{...}}`): each histogram is a
    /// placeholder value, so the engine knows a histogram is there (floats kept as written).
    var histogramSeries: [LoadedSeries] = []
}

/// One series line of a `load` block.
public struct LoadedSeries: Sendable {
    public var line: Int
    public var labels: Labels
    /// Value i is at `i * interval` ms.
    public var values: [SeriesValue]
}

/// An `eval` command with its expectations.
public struct EvalCommand: Sendable {
    public enum Kind: Sendable, Hashable {
        /// Evaluate at this time (ms since epoch).
        case instant(at: Int64)
        /// Evaluate from start to end (inclusive) every step (all ms).
        case range(start: Int64, end: Int64, step: Int64)
    }

    /// An `expect warn|info|no_warn|no_info|fail` line (or the deprecated `eval_*` forms).
    public struct Expectation: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable { case fail, warn, noWarn = "no_warn", info, noInfo = "no_info" }
        public var kind: Kind
        /// `msg:` text, compared exactly (trimmed).
        public var message: String?
        /// `regex:` pattern (Go RE2, unanchored match); nil with no message means "any".
        public var regex: String?
    }

    /// An expected series: labels and one value (instant) or one per step (range).
    public struct ExpectedSeries: Sendable {
        public var line: Int
        public var labels: Labels
        public var values: [SeriesValue]
    }

    public var line: Int
    public var kind: Kind
    /// The expression text as written.
    public var exprText: String
    /// The parsed expression (parsed with `ParserOptions.promqlTest`); when the text did not
    /// parse (only with `skipUnparsableEvals`) this is a placeholder and `skipReason` says why.
    public var expr: Expr
    /// Expectations from `expect ...` lines and deprecated modifiers.
    public var expectations: [Expectation]
    /// Result order matters (`eval_ordered`, `expect ordered`).
    public var ordered: Bool
    /// `expect range vector from .. to .. step ..`: an instant query returning a matrix.
    public var expectedRangeVector: (start: Int64, end: Int64, step: Int64)?
    /// `expect string "..."`.
    public var expectedString: String?
    /// A bare number line: the result is this scalar.
    public var expectedScalar: Double?
    public var expectedSeries: [ExpectedSeries]
    /// Why a float-only engine should skip this command, if so.
    public var skipReason: String?

    /// Whether the query is expected to fail (`eval_fail` or `expect fail`).
    public var expectsFailure: Bool { expectations.contains { $0.kind == .fail } }
}

/// A malformed script line.
public struct TestScriptError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line number.
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
}
