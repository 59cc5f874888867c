/// Why a query failed while being evaluated (parse errors are `ParseErrors`).
///
/// `execution` messages are Prometheus's runtime errors word for word (e.g.
/// "vector cannot contain metrics with the same labelset"), so test scripts and users
/// can match them.
public enum EvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The query ran past its deadline.
    case timeout(String)
    /// The caller stopped the query.
    case canceled(String)
    /// More samples than the engine's limit were loaded at once.
    case tooManySamples(String)
    /// The store could not be read.
    case storage(String)
    /// A runtime error of the query itself.
    case execution(String)

    public var description: String {
        switch self {
        case .timeout(let where_): "query timed out in \(where_)"
        case .canceled(let where_): "query was canceled in \(where_)"
        case .tooManySamples(let where_):
            "query processing would load too many samples into memory in \(where_)"
        case .storage(let message): message
        case .execution(let message): message
        }
    }

    /// The `errorType` Prometheus's HTTP API reports for this error.
    public var apiErrorType: String {
        switch self {
        case .timeout: "timeout"
        case .canceled: "canceled"
        case .tooManySamples, .execution: "execution"
        case .storage: "internal"
        }
    }
}
