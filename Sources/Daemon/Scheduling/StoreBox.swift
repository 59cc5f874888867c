import Model
import PromQL
import Rules
import Synchronization

/// The series store while one rule group evaluates: rules query it and append their output
/// to it in turn (a later rule sees an earlier rule's samples at the same timestamp). Only
/// used synchronously inside the scheduler; the lock makes the closures `Sendable`.
final class StoreBox: Sendable {
    private let store: Mutex<SeriesStore>

    init(_ store: SeriesStore) { self.store = Mutex(store) }

    func snapshot() -> SeriesStore { store.withLock { $0 } }

    /// Appends rule output; out-of-order or duplicate samples are dropped, as Prometheus
    /// logs and drops them. Returns how many were dropped.
    @discardableResult
    func append(_ samples: [RuleSample]) -> Int {
        store.withLock { store in
            var dropped = 0
            for sample in samples {
                do { try store.append(sample.labels, timestamp: sample.timestamp, value: sample.value) } catch { dropped += 1 }
            }
            return dropped
        }
    }

    func take() -> SeriesStore { store.withLock { $0 } }
}

/// Runs PromQL for rules, health checks and the HTTP API.
struct QueryRunner: Sendable {
    var engine = Engine()
    var expressions: [String: Expr]

    func expr(_ text: String) throws -> Expr {
        if let parsed = expressions[text] { return parsed }
        return try Parser.parseExpr(text)
    }

    /// An instant query as a rule sees it: a vector, or a scalar as one unlabelled sample.
    func ruleQuery(_ text: String, at time: Timestamp, on store: SeriesStore) throws -> [QueryResultSample] {
        switch try engine.instantQuery(try expr(text), at: time, on: store) {
        case .vector(let vector):
            return vector.map { QueryResultSample(labels: $0.labels, value: $0.value) }
        case .scalar(let scalar):
            return [QueryResultSample(labels: Labels(), value: scalar.value)]
        default:
            throw RuleEvaluationError("rule result is not a vector or scalar")
        }
    }
}
