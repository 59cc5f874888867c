public import Model

/// One rule's last evaluation, as Prometheus keeps it per rule
/// (`rule.GetEvaluationDuration`, `rule.GetEvaluationTimestamp`) for `/api/v1/rules`.
public struct RuleEvaluation: Sendable, Equatable {
    /// How long the rule's query, state update and appends took.
    public var seconds: Double
    /// When the rule started, on the scheduler's clock (wall time, not the evaluation slot).
    public var at: Timestamp

    /// - Parameters:
    ///   - seconds: the duration.
    ///   - at: the start.
    public init(seconds: Double, at: Timestamp) {
        self.seconds = seconds
        self.at = at
    }
}
