public import Model

/// Runs one rule: an instant query of `expr` at a time, returning the result series
/// (a scalar result is one sample with empty labels). Throws on query errors.
public typealias RuleQuery = @Sendable (_ expr: String, _ at: Timestamp) throws -> [QueryResultSample]

/// A rule group ready to run: its rules in file order and what each wrote last time, so
/// series that disappear get staleness markers (`group.go:Group.Eval`).
public struct RuleGroup: Sendable {
    /// One rule of the group.
    public enum Rule: Sendable {
        case alerting(AlertingRule)
        case recording(RecordingRule)

        public var name: String {
            switch self {
            case .alerting(let rule): rule.name
            case .recording(let rule): rule.name
            }
        }

        var expr: String {
            switch self {
            case .alerting(let rule): rule.expr
            case .recording(let rule): rule.expr
            }
        }
    }

    /// A rule that failed in one evaluation (the others still ran).
    public struct Failure: Sendable, Equatable {
        public var rule: String
        public var error: String

        public init(rule: String, error: String) {
            self.rule = rule
            self.error = error
        }
    }

    /// What one evaluation of the group produced.
    public struct Evaluation: Sendable {
        /// Samples to append, including staleness markers, in rule order.
        public var samples: [RuleSample]
        public var failures: [Failure]
        /// Alert transitions per alerting rule name.
        public var transitions: [(rule: String, transition: AlertingRule.Transition)]

        mutating func add(_ outcome: RuleOutcome) {
            samples += outcome.samples
            if let failure = outcome.failure { failures.append(failure) }
            transitions += outcome.transitions
        }
    }

    /// The value Prometheus writes to mark a series stale.
    public static let staleNaN = Double(bitPattern: 0x7FF0_0000_0000_0002)

    public let name: String
    public let file: String
    public let interval: PromDuration
    public let queryOffset: PromDuration
    public let limit: Int
    public internal(set) var rules: [Rule]
    var previousSeries: [Int: Set<Labels>] = [:]
    /// Parsed expressions by text, shared by copies of the group (a pure cache).
    let expressions = ExpressionCache()

    /// Builds runnable rules from a decoded group; group labels are merged into every
    /// rule's labels with the rule's own winning (Prometheus 3.0+).
    public init(
        _ group: RuleFile.Group, file: String, defaultInterval: PromDuration, defaultQueryOffset: PromDuration = .zero,
        externalLabels: [String: String] = [:], externalURL: String = ""
    ) {
        name = group.name
        self.file = file
        interval = group.interval ?? defaultInterval
        queryOffset = group.queryOffset ?? defaultQueryOffset
        limit = group.limit
        rules = group.rules.map { rule in
            var labels = group.labels.filter { groupLabel in !rule.labels.contains { $0.key == groupLabel.key } }
            labels += rule.labels
            if rule.isAlerting {
                return .alerting(AlertingRule(
                    name: rule.name, expr: rule.expr?.value ?? "", holdDuration: rule.forDuration, keepFiringFor: rule.keepFiringFor,
                    labels: labels, annotations: rule.annotations, externalLabels: externalLabels, externalURL: externalURL))
            }
            return .recording(RecordingRule(name: rule.name, expr: rule.expr?.value ?? "", labels: labels))
        }
    }

    /// Evaluates every rule in order at `ts` (queries at `ts - query_offset`; template
    /// `query` calls at `ts`, as Prometheus does). Nothing is written anywhere: `query` sees
    /// the same data for every rule. To let a later rule see an earlier rule's output, as
    /// Prometheus's group does, use `evaluate(at:store:engine:parserOptions:restored:)`.
    public mutating func evaluate(at ts: Timestamp, query: @escaping RuleQuery, restored: Bool = true) -> Evaluation {
        var evaluation = Evaluation(samples: [], failures: [], transitions: [])
        for index in rules.indices {
            evaluation.add(evaluateRule(at: index, ts: ts, query: query, restored: restored))
        }
        return evaluation
    }

    /// What one rule produced in one evaluation.
    struct RuleOutcome {
        var samples: [RuleSample] = []
        var failure: Failure?
        var transitions: [(rule: String, transition: AlertingRule.Transition)] = []
    }

    /// Runs rule `index` at `ts`: its samples followed by staleness markers for the series it
    /// wrote last time but not now (`group.go:Group.Eval`).
    mutating func evaluateRule(at index: Int, ts: Timestamp, query: @escaping RuleQuery, restored: Bool) -> RuleOutcome {
        var outcome = RuleOutcome()
        let queryTime = ts - queryOffset
        let rule = rules[index]
        let written: [RuleSample]
        do {
            let result = try query(rule.expr, queryTime)
            switch rule {
            case .recording(let recording):
                written = try recording.evaluate(result, at: ts, queryOffset: queryOffset, limit: limit)
            case .alerting(var alerting):
                let templateQuery: TemplateQuery = { expr in
                    try query(expr, ts).map { QuerySample(labels: Self.map($0.labels), value: $0.value) }
                }
                defer { rules[index] = .alerting(alerting) }
                let evaluation = try alerting.evaluate(
                    result, at: ts, queryOffset: queryOffset, limit: limit, restored: restored, query: templateQuery)
                written = evaluation.samples
                outcome.transitions = evaluation.transitions.map { (alerting.name, $0) }
            }
        } catch {
            // A failed rule writes nothing and marks nothing stale; its previous series stay.
            outcome.failure = Failure(rule: rule.name, error: "\(error)")
            return outcome
        }
        let now = Set(written.map(\.labels))
        for gone in (previousSeries[index] ?? []).subtracting(now).sorted() {
            outcome.samples.append(RuleSample(labels: gone, value: Self.staleNaN, timestamp: queryTime))
        }
        previousSeries[index] = now
        outcome.samples += written
        return outcome
    }

    private static func map(_ labels: Labels) -> [String: String] {
        var out: [String: String] = [:]
        for label in labels { out[label.name] = label.value }
        return out
    }
}
