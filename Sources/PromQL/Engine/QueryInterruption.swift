public import Model

/// How a caller stops a running query: the evaluator asks `check` between series and
/// between steps, as Prometheus's engine checks its context (`contextDone`). The engine
/// never reads a clock itself; a deadline comes with the clock to compare it against.
public struct QueryInterruption: Sendable {
    /// Why a query stops.
    public enum Reason: Sendable, Hashable {
        /// The deadline passed: the query fails with `EvaluationError.timeout`.
        case timeout
        /// The caller gave up: the query fails with `EvaluationError.canceled`.
        case canceled
    }

    /// Returns a reason to stop, or nil to go on. Called often: keep it cheap.
    public var check: @Sendable () -> Reason?

    /// A hook from any closure (e.g. `{ Task.isCancelled ? .canceled : nil }`).
    public init(check: @escaping @Sendable () -> Reason?) {
        self.check = check
    }

    /// Times out once `now()` reaches `deadline` (`ErrQueryTimeout`).
    /// - Parameters:
    ///   - deadline: the last moment the query may run.
    ///   - now: the clock, injected so tests can step it instead of sleeping.
    public static func deadline(_ deadline: Timestamp, now: @escaping @Sendable () -> Timestamp) -> QueryInterruption {
        QueryInterruption { now() >= deadline ? .timeout : nil }
    }

    /// Cancels once `isCanceled()` turns true (`ErrQueryCanceled`).
    public static func cancellation(_ isCanceled: @escaping @Sendable () -> Bool) -> QueryInterruption {
        QueryInterruption { isCanceled() ? .canceled : nil }
    }
}

/// The value of a query with the annotations (warnings and infos) it raised.
public struct QueryResult<Payload: Sendable>: Sendable {
    /// The query's result: a `Value` (instant query) or a `Matrix` (range query).
    public var value: Payload
    /// Warnings and infos, as Prometheus's HTTP API returns beside `data`.
    public var annotations: Annotations

    public init(value: Payload, annotations: Annotations) {
        self.value = value
        self.annotations = annotations
    }
}
