public import Exposition
public import Model
public import PromQL
public import Rules

/// What the HTTP API and the CLI read from the running scheduler (copies, never references).
extension Scheduler {
    /// One rule group as `/api/v1/rules` shows it.
    public struct GroupStatus: Sendable {
        public var name: String
        public var file: String
        public var interval: PromDuration
        public var limit: Int
        public var rules: [RuleGroup.Rule]
        public var lastErrors: [String: String]
        public var lastEvaluation: Timestamp?
        public var evaluationSeconds: Double
        /// Each rule's last evaluation, aligned with `rules` (nil before its first).
        public var ruleEvaluations: [RuleEvaluation?]
    }

    /// The last health report (nil before the first gathering pass).
    public func currentHealth() -> HealthReport? { health }

    /// One gathering pass and one evaluation of every group at `time`, without writing the
    /// textfile or the state file, then the health checks over the result (`binwatch health`).
    public func healthOnly(at time: Timestamp) async -> HealthReport {
        await gather(at: time)
        for index in runtime.groups.indices { await evaluate(groupAt: index, at: time) }
        let report = judgeHealth(at: time)
        health = report
        return report
    }

    /// Pending and firing alerts of every rule, in group and rule order.
    public func activeAlerts() -> [Alert] {
        runtime.groups.flatMap { scheduled in
            scheduled.group.alertingRules.flatMap { rule in
                rule.active.keys.sorted().compactMap { rule.active[$0] }.filter { $0.state != .inactive }
            }
        }
    }

    /// Every group with its rules and their alerts.
    public func groupStatuses() -> [GroupStatus] {
        runtime.groups.map { scheduled in
            GroupStatus(
                name: scheduled.group.name, file: scheduled.group.file, interval: scheduled.group.interval,
                limit: scheduled.group.limit, rules: scheduled.group.rules, lastErrors: scheduled.lastErrors,
                lastEvaluation: scheduled.lastEvaluation, evaluationSeconds: scheduled.lastDurationSeconds,
                ruleEvaluations: scheduled.ruleEvaluations)
        }
    }

    /// An instant query over the store at `time`.
    /// - Throws: the parse or evaluation error.
    public func query(_ text: String, at time: Timestamp) throws -> Value {
        try queryResult(text, at: time).value
    }

    /// An instant query over the store at `time`, with the warnings and infos it raised
    /// (`/api/v1/query`'s `warnings` and `infos`).
    /// - Throws: the parse or evaluation error.
    public func queryResult(_ text: String, at time: Timestamp) throws -> QueryResult<Value> {
        try Engine().instantQueryResult(try Parser.parseExpr(text), at: time, on: store)
    }

    /// A range query over the store.
    /// - Throws: the parse or evaluation error.
    public func queryRange(_ text: String, start: Timestamp, end: Timestamp, step: Int64) throws -> Matrix {
        try queryRangeResult(text, start: start, end: end, step: step).value
    }

    /// A range query over the store, with the warnings and infos it raised.
    /// - Throws: the parse or evaluation error.
    public func queryRangeResult(_ text: String, start: Timestamp, end: Timestamp, step: Int64) throws -> QueryResult<Matrix> {
        try Engine().rangeQueryResult(try Parser.parseExpr(text), start: start, end: end, step: step, on: store)
    }

    /// The current time of the scheduler's clock (the API's default query time).
    public nonisolated func now() -> Timestamp { clock.now() }

    /// Self metrics and health status in the text format (`/metrics`).
    public func metricsText() -> String {
        var families = metrics.families(groups: runtime.groups) + historyFamilies()
        if let health { families.append(health.family) }
        families += sinkMetricFamilies()  // binwatch_notification*
        return (try? TextEncoder().encode(families)) ?? ""
    }

    /// The textfile's families as they would be written now.
    public func currentTextfileFamilies() -> [MetricFamily] { textfileFamilies() }

    /// The configured health path.
    public func healthPath() -> String { runtime.config.web.healthPath }
}
