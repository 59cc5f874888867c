public import Model

/// One `inhibit_rules` entry: targets are muted while a matching source fires.
public struct InhibitRule: Sendable, Hashable {
    /// Matchers selecting inhibiting (source) alerts.
    public var sourceMatchers: [Matcher]
    /// Matchers selecting inhibited (target) alerts.
    public var targetMatchers: [Matcher]
    /// Labels that must have equal values on source and target (absent on both = equal).
    public var equal: [String]

    /// Creates a rule.
    public init(sourceMatchers: [Matcher], targetMatchers: [Matcher], equal: [String]) {
        self.sourceMatchers = sourceMatchers
        self.targetMatchers = targetMatchers
        self.equal = equal
    }

    func matchesSource(_ labels: Labels) -> Bool { sourceMatchers.allSatisfy { $0.matches(labels[$0.name] ?? "") } }
    func matchesTarget(_ labels: Labels) -> Bool { targetMatchers.allSatisfy { $0.matches(labels[$0.name] ?? "") } }
}

/// Alertmanager's inhibitor over the alerts the dispatcher currently knows.
///
/// The dispatcher calls `update(_:)` with its alerts before each flush; `mutes` then
/// answers from that snapshot (Alertmanager keeps the same per-rule source cache).
public actor Inhibitor: Muter {
    private let rules: [InhibitRule]
    private var alerts: [Alert] = []

    /// Creates an inhibitor for `rules`.
    public init(rules: [InhibitRule]) { self.rules = rules }

    /// Replaces the known alerts.
    public func update(_ alerts: [Alert]) { self.alerts = alerts }

    /// Whether a firing source alert inhibits `labels` (`Inhibitor.Mutes`).
    public func mutes(_ labels: Labels, at now: Timestamp) -> Bool {
        Self.inhibitor(of: labels, rules: rules, among: alerts, at: now) != nil
    }

    /// The alert that inhibits `labels` under `rules`, as Alertmanager's `Inhibitor.Mutes`
    /// finds it (the first rule whose target matches and whose firing source has the
    /// `equal` labels); nil when none does. The HTTP API's `inhibitedBy` asks the same
    /// question over its own snapshot of alerts.
    /// - Parameters:
    ///   - labels: the target alert's labels.
    ///   - rules: the inhibition rules.
    ///   - alerts: the alerts that may inhibit (resolved ones never do).
    ///   - now: when firing is judged.
    public static func inhibitor(of labels: Labels, rules: [InhibitRule], among alerts: [Alert], at now: Timestamp) -> Alert? {
        for rule in rules where rule.matchesTarget(labels) {
            // An alert matching both sides cannot be inhibited by another that does too.
            let targetIsSource = rule.matchesSource(labels)
            for source in alerts where !source.isResolved(at: now) && rule.matchesSource(source.labels) {
                if targetIsSource && rule.matchesTarget(source.labels) { continue }
                if source.labels == labels { continue }
                if rule.equal.allSatisfy({ source.labels[$0] == labels[$0] }) { return source }
            }
        }
        return nil
    }

    /// Which of `labelSets` are muted, in one actor hop.
    public func mutes(_ labelSets: [Labels], at now: Timestamp) -> [Bool] {
        labelSets.map { mutes($0, at: now) }
    }
}
