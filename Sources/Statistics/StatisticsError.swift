/// Why a statistic could not be computed. Every case says which input was at fault, so a caller
/// (the CLI, the statistics source) can report it without guessing, and no NaN or infinity ever
/// leaves this module in place of a number.
public enum StatisticsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Fewer values than the statistic needs (`needed` is the minimum).
    case tooFewValues(needed: Int, got: Int)
    /// A NaN or infinity at `index` of the input named `input`.
    case nonFinite(input: String, index: Int, value: Double)
    /// Paired inputs of different lengths.
    case lengthMismatch(x: Int, y: Int)
    /// Every value of the input named `input` is the same, so the statistic is undefined.
    case constantInput(input: String)
    /// The spread the outlier method divides by (IQR, MAD) is zero while some values differ.
    case zeroSpread(method: String)
    /// A contingency table that chi-square cannot use (negative cell, zero expected count, ragged rows).
    case invalidTable(String)
    /// An argument outside the function's domain (a probability outside (0, 1), a negative df…).
    case domain(String)
    /// A result overflowed to infinity (values too large to square or sum in a Double).
    case overflow(statistic: String)
    /// An iterative method did not converge (should not happen; reported rather than guessed).
    case noConvergence(function: String)

    public var description: String {
        switch self {
        case .tooFewValues(let needed, let got):
            return "too few values: need at least \(needed), got \(got)"
        case .nonFinite(let input, let index, let value):
            return "\(input)[\(index)] is \(value); NaN and infinity are not accepted"
        case .lengthMismatch(let x, let y):
            return "paired inputs differ in length: \(x) x values, \(y) y values"
        case .constantInput(let input):
            return "every value of \(input) is the same; the statistic is undefined"
        case .zeroSpread(let method):
            return "\(method): the spread is zero (more than half the values are equal), so outliers cannot be scored"
        case .invalidTable(let why):
            return "invalid contingency table: \(why)"
        case .domain(let why):
            return "argument out of domain: \(why)"
        case .overflow(let statistic):
            return "\(statistic) overflows a Double for these values"
        case .noConvergence(let function):
            return "\(function) did not converge"
        }
    }
}
