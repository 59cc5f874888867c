public import Model

/// One alert of an alerting rule: a label set the expression returned, and its timeline.
public struct Alert: Sendable, Equatable {
    public var state: AlertState
    /// Series labels (minus `__name__`) + expanded rule labels + `alertname`: the identity.
    public var labels: Labels
    /// Expanded annotations (not part of the identity).
    public var annotations: Labels
    /// The sample value of the last evaluation that returned this alert.
    public var value: Double
    public var activeAt: Timestamp
    public var firedAt: Timestamp?
    public var resolvedAt: Timestamp?
    public var lastSentAt: Timestamp?
    public var validUntil: Timestamp?
    /// Set while a firing alert is held by `keep_firing_for` after its series vanished.
    public var keepFiringSince: Timestamp?

    public init(state: AlertState, labels: Labels, annotations: Labels, value: Double, activeAt: Timestamp) {
        self.state = state
        self.labels = labels
        self.annotations = annotations
        self.value = value
        self.activeAt = activeAt
    }

    /// `Alert.needsSending`: firing or resolved alerts, when resolved since the last send or
    /// when the resend delay has passed (strictly).
    public func needsSending(at ts: Timestamp, resendDelay: PromDuration) -> Bool {
        if state == .pending { return false }
        if let resolvedAt, resolvedAt > (lastSentAt ?? Timestamp(milliseconds: Int64.min)) { return true }
        guard let lastSentAt else { return true }
        return lastSentAt + resendDelay < ts
    }
}

/// A sample a rule writes: recording-rule output, `ALERTS` and `ALERTS_FOR_STATE`.
public struct RuleSample: Sendable, Equatable {
    public var labels: Labels
    public var value: Double
    public var timestamp: Timestamp

    public init(labels: Labels, value: Double, timestamp: Timestamp) {
        self.labels = labels
        self.value = value
        self.timestamp = timestamp
    }
}

/// One series of an instant-query result, as a rule receives it from the engine.
public struct QueryResultSample: Sendable, Equatable {
    public var labels: Labels
    public var value: Double

    public init(labels: Labels, value: Double) {
        self.labels = labels
        self.value = value
    }
}

/// Why a rule evaluation produced nothing (state is left as rulefmt leaves it).
public struct RuleEvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
