public import Model
public import PromQL
import Synchronization

/// Parsed rule expressions by their text, so a rule is parsed once, not at every
/// evaluation. A class so copies of a `RuleGroup` share it; the lock makes it `Sendable`.
final class ExpressionCache: Sendable {
    private let parsed = Mutex<[String: Expr]>([:])

    /// The expression for `text`, parsing it on first use.
    /// - Throws: `ParseErrors` when `text` does not parse.
    func expr(_ text: String, options: ParserOptions) throws -> Expr {
        if let hit = parsed.withLock({ $0[text] }) { return hit }
        let expr = try Parser.parseExpr(text, options: options)
        parsed.withLock { $0[text] = expr }
        return expr
    }
}

/// Builds the `RuleQuery` rules run through, from PromQL's engine and any `Queryable`:
/// Prometheus's `rules.EngineQueryFunc`. A vector is used as is, a scalar becomes one
/// sample without labels, anything else is an error.
public enum EngineQuery {
    /// The message Prometheus gives for a rule whose expression is a string or range vector.
    public static let notVectorOrScalar = "rule result is not a vector or scalar"

    /// A `RuleQuery` answering instant queries at the given time against `queryable`.
    /// - Parameters:
    ///   - engine: the engine settings (lookback, default subquery step, sample limit).
    ///   - queryable: the storage; it is captured as is (a `SeriesStore` is captured by value).
    ///   - parserOptions: the PromQL feature flags rule expressions are parsed with.
    public static func ruleQuery(
        engine: Engine, queryable: any Queryable, parserOptions: ParserOptions = .standard
    ) -> RuleQuery {
        ruleQuery(engine: engine, queryable: queryable, parserOptions: parserOptions, cache: ExpressionCache())
    }

    static func ruleQuery(
        engine: Engine, queryable: any Queryable, parserOptions: ParserOptions, cache: ExpressionCache
    ) -> RuleQuery {
        { text, time in
            let expr = try cache.expr(text, options: parserOptions)
            return try samples(of: engine.instantQuery(expr, at: time, on: queryable))
        }
    }

    /// One query's result as rule input.
    /// - Throws: `RuleEvaluationError` for strings and range vectors.
    static func samples(of value: Value) throws(RuleEvaluationError) -> [QueryResultSample] {
        switch value {
        case .vector(let vector): vector.map { QueryResultSample(labels: $0.labels, value: $0.value) }
        case .scalar(let scalar): [QueryResultSample(labels: Labels(), value: scalar.value)]
        default: throw RuleEvaluationError(notVectorOrScalar)
        }
    }
}
