public import Model

/// Something the engine can read series from, as `storage.Queryable` in Prometheus:
/// the evaluator only ever sees this protocol, never the store behind it.
public protocol Queryable: Sendable {
    /// A reader over samples in `[mint, maxt]` (milliseconds, inclusive).
    /// - Throws: `StorageError` when the store cannot be read.
    func querier(mint: Timestamp, maxt: Timestamp) throws -> any Querier
}

/// Reads series over a fixed time window.
public protocol Querier {
    /// Every series whose labels satisfy all `matchers`, with its samples inside the
    /// querier's window, sorted by labels. Series without samples in the window are omitted.
    func select(_ matchers: [Matcher]) -> [Series]
}

/// A store operation that failed: what was attempted and why.
public struct StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why the operation failed, in Prometheus's words where it has them.
    public enum Code: String, Sendable {
        case outOfOrderSample = "out of order sample"
        case duplicateSampleForTimestamp = "duplicate sample for timestamp"
        case invalidLabels = "invalid labels"
        case unavailable = "storage unavailable"
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
