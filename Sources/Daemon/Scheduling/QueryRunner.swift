import Model
import PromQL
import Rules

/// Runs PromQL for health checks (rule groups query through Rules' `EngineQuery`).
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
