/// Feature switches of the parser, as Prometheus's `parser.Options`. The defaults are
/// Prometheus's defaults (all experimental syntax off); `promqlTest` is what the
/// upstream promqltest corpus is parsed with.
public struct ParserOptions: Sendable, Hashable {
    /// `--enable-feature=promql-experimental-functions`: experimental functions and `limitk`/`limit_ratio`.
    public var enableExperimentalFunctions: Bool
    /// `--enable-feature=promql-duration-expr`: arithmetic, `step()`, `range()`, `min_of`/`max_of` in durations.
    public var experimentalDurationExpr: Bool
    /// `--enable-feature=promql-extended-range-selectors`: `anchored` / `smoothed`.
    public var enableExtendedRangeSelectors: Bool
    /// `--enable-feature=promql-binop-fill-modifiers`: `fill(...)`, `fill_left(...)`, `fill_right(...)`.
    public var enableBinopFillModifiers: Bool

    public init(
        enableExperimentalFunctions: Bool = false, experimentalDurationExpr: Bool = false,
        enableExtendedRangeSelectors: Bool = false, enableBinopFillModifiers: Bool = false
    ) {
        self.enableExperimentalFunctions = enableExperimentalFunctions
        self.experimentalDurationExpr = experimentalDurationExpr
        self.enableExtendedRangeSelectors = enableExtendedRangeSelectors
        self.enableBinopFillModifiers = enableBinopFillModifiers
    }

    /// Prometheus's defaults: no experimental syntax.
    public static let standard = ParserOptions()

    /// Everything on, as promqltest's `TestParserOpts`.
    public static let promqlTest = ParserOptions(
        enableExperimentalFunctions: true, experimentalDurationExpr: true,
        enableExtendedRangeSelectors: true, enableBinopFillModifiers: true)
}
