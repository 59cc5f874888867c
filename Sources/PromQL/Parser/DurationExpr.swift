import Foundation

/// An (experimental) duration expression in a range, subquery step or offset position:
/// `foo[5m + 1m]`, `foo offset (1h / 2)`, `foo[step() * 3]`, `max_of(step(), 1m)`.
/// Values are seconds. The engine resolves it per query with `evaluate(step:range:)`,
/// as Prometheus's `durationVisitor` does before evaluation.
public indirect enum DurationExpr: Sendable, Hashable {
    /// A number or duration literal, in seconds.
    case literal(NumberLiteral)
    /// `step()`: the query's step.
    case step(PositionRange)
    /// `range()`: the query's range (end - start).
    case range(PositionRange)
    /// `-d` or `+d`; `startPosition` is the operator's byte offset.
    case unary(UnaryOp, DurationExpr, startPosition: Int)
    /// `d op d` with op one of `+ - * / % ^`.
    case binary(BinaryOp, DurationExpr, DurationExpr)
    /// `min_of(a, b)`.
    case minOf(DurationExpr, DurationExpr, PositionRange)
    /// `max_of(a, b)`.
    case maxOf(DurationExpr, DurationExpr, PositionRange)
    /// `( d )`, kept so the expression prints back as written.
    case paren(DurationExpr, PositionRange)

    public var positionRange: PositionRange {
        switch self {
        case .literal(let literal): literal.positionRange
        case .step(let range), .range(let range), .minOf(_, _, let range), .maxOf(_, _, let range),
             .paren(_, let range):
            range
        case .unary(_, let operand, let start): PositionRange(start: start, end: operand.positionRange.end)
        case .binary(_, let lhs, let rhs): .merging(lhs.positionRange, rhs.positionRange)
        }
    }

    /// The value in seconds given the query's step and range (both in seconds).
    /// - Throws: `DurationExprError` on division or modulo by zero.
    public func evaluate(step: Double, range: Double) throws(DurationExprError) -> Double {
        switch self {
        case .literal(let literal): return literal.value
        case .step: return step
        case .range: return range
        case .unary(let op, let operand, _):
            let value = try operand.evaluate(step: step, range: range)
            return op == .minus ? -value : value
        case .paren(let inner, _): return try inner.evaluate(step: step, range: range)
        case .minOf(let lhs, let rhs, _):
            return Swift.min(try lhs.evaluate(step: step, range: range), try rhs.evaluate(step: step, range: range))
        case .maxOf(let lhs, let rhs, _):
            return Swift.max(try lhs.evaluate(step: step, range: range), try rhs.evaluate(step: step, range: range))
        case .binary(let op, let lhsExpr, let rhsExpr):
            let lhs = try lhsExpr.evaluate(step: step, range: range)
            let rhs = try rhsExpr.evaluate(step: step, range: range)
            switch op {
            case .add: return lhs + rhs
            case .sub: return lhs - rhs
            case .mul: return lhs * rhs
            case .div:
                guard rhs != 0 else { throw DurationExprError(positionRange: positionRange, message: "division by zero") }
                return lhs / rhs
            case .mod:
                guard rhs != 0 else { throw DurationExprError(positionRange: positionRange, message: "modulo by zero") }
                return fmod(lhs, rhs)
            case .pow: return pow(lhs, rhs)
            default:
                throw DurationExprError(positionRange: positionRange, message: "unexpected duration expression operator \"\(op.rawValue)\"")
            }
        }
    }

    /// The value as whole milliseconds, checked as Prometheus's `calculateDuration`:
    /// finite, positive unless `allowNegative` (offsets), within `time.Duration`'s range.
    /// - Throws: `DurationExprError` with Prometheus's `start:end: message` text.
    public func milliseconds(step: Double, range: Double, allowNegative: Bool) throws(DurationExprError) -> Int64 {
        let seconds = try evaluate(step: step, range: range)
        if seconds.isNaN || seconds.isInfinite {
            throw DurationExprError(positionRange: positionRange, message: "duration is NaN or infinite")
        }
        if seconds <= 0 && !allowNegative {
            throw DurationExprError(positionRange: positionRange, message: "duration must be greater than 0")
        }
        let limit = 9_223_372_036.854775807
        if seconds > limit || seconds < -limit {
            throw DurationExprError(positionRange: positionRange, message: "duration is out of range")
        }
        return Int64(seconds * 1000)
    }
}

/// A duration expression could not be resolved (division by zero, non-positive range, ...).
public struct DurationExprError: Error, Sendable, Hashable, CustomStringConvertible {
    public let positionRange: PositionRange
    public let message: String
    /// `start:end: message`, as Prometheus's `durationVisitor` words it (byte offsets).
    public var description: String { "\(positionRange.start):\(positionRange.end): \(message)" }
}
