#if canImport(Glibc)
import Glibc
#endif
import Foundation
public import Model
public import PromQL
import Synchronization

/// Runs readers' PromQL (the HTTP API) beside the scheduler under `query:`'s limits.
///
/// Evaluation is CPU-bound: on the Swift cooperative pool (one thread per core) twenty
/// queries would starve the scheduler's actor, so each query runs on a thread of its own,
/// at most `max_concurrency` at once (more wait, as in Prometheus). A query stops at its
/// deadline (waiting for a slot counts, as Prometheus's query context covers its queue)
/// or when its task is cancelled (the client went away).
public final class QueryExecutor: Sendable {
    private let limits: Mutex<BinwatchConfig.Query>
    private let gate: ConcurrencyGate
    let counters = Mutex(QueryCounters())

    /// - Parameter limits: `query:` of binwatch.yml.
    public init(limits: BinwatchConfig.Query) {
        self.limits = Mutex(limits)
        gate = ConcurrencyGate(limit: limits.maxConcurrency)
    }

    /// Takes new limits (a reload); running queries keep theirs.
    public func update(_ limits: BinwatchConfig.Query) {
        self.limits.withLock { $0 = limits }
        gate.setLimit(limits.maxConcurrency)
    }

    /// The limits now in force.
    public var currentLimits: BinwatchConfig.Query { limits.withLock { $0 } }

    /// Runs `work` on its own thread with an engine bound by the limits.
    /// - Parameters:
    ///   - timeout: the request's `timeout` parameter; the configured one caps it.
    ///   - work: the evaluation; it gets the engine to query with.
    /// - Throws: `EvaluationError.timeout`/`.canceled` ("query queue" while waiting for a
    ///   slot), or what `work` throws.
    public func run<T: Sendable>(
        timeout: PromDuration? = nil, _ work: @escaping @Sendable (Engine) throws -> T
    ) async throws -> T {
        let limits = currentLimits
        let allowed = min(timeout ?? limits.timeout, limits.timeout)
        let deadline = ContinuousClock.now + .milliseconds(allowed.milliseconds)
        switch await gate.acquire(until: deadline) {
        case .acquired: break
        case .timedOut:
            count(.timeout)
            throw EvaluationError.timeout("query queue")
        case .canceled:
            count(.canceled)
            throw EvaluationError.canceled("query queue")
        }
        defer { gate.release() }
        var engine = Engine(lookbackDelta: limits.lookbackDelta.milliseconds, maxSamples: limits.maxSamples)
        let flag = CancelFlag()
        engine.interruption = QueryInterruption {
            if flag.isSet { return .canceled }
            return ContinuousClock.now >= deadline ? .timeout : nil
        }
        let bound = engine
        let result: Result<T, any Error> = await withTaskCancellationHandler {
            await Self.onOwnThread { Result { try work(bound) } }
        } onCancel: {
            flag.set()
        }
        switch result {
        case .success(let value):
            count(.success)
            return value
        case .failure(let error):
            switch error as? EvaluationError {
            case .timeout: count(.timeout)
            case .canceled: count(.canceled)
            case .tooManySamples: count(.tooManySamples)
            default: count(.failure)
            }
            throw error
        }
    }

    /// Queries running now and waiting for a slot.
    public var load: (running: Int, waiting: Int) {
        let load = gate.load
        return (load.held, load.waiting)
    }

    private func count(_ outcome: QueryCounters.Outcome) {
        counters.withLock { $0.record(outcome) }
    }

    /// Runs `body` on a new thread (not the cooperative pool) and resumes with its value.
    ///
    /// The thread runs at nice 10 (Linux keeps the nice value per thread): when the CPUs are
    /// contended, the scheduler's cycle (nice 0) goes first, so readers may slow down but
    /// gathering, evaluation and notifications keep their pace.
    static func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, readerNice)
                continuation.resume(returning: body())
            }
            // Deeply nested expressions recurse in the parser and evaluator.
            thread.stackSize = 16 << 20
            thread.name = "binwatch-query"
            thread.start()
        }
    }
}

/// The nice value of reader threads (see `QueryExecutor.onOwnThread`).
let readerNice: Int32 = 10

/// Set once when a query's client goes away; read between the evaluator's steps.
final class CancelFlag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .relaxed) }
    func set() { value.store(true, ordering: .relaxed) }
}
