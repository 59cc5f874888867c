public import Model

extension RuleGroup {
    /// Puts saved alerts back into the named alerting rule before its first evaluation
    /// (the daemon's for-state restore); alerts of other rules or of a recording rule are
    /// ignored. Their identity is their label set, as in `active`.
    public mutating func restore(_ alerts: [Alert], rule name: String) {
        for index in rules.indices {
            guard case .alerting(var rule) = rules[index], rule.name == name else { continue }
            for alert in alerts { rule.active[alert.labels] = alert }
            rules[index] = .alerting(rule)
        }
    }

    /// Takes over the alerts and last-written series of `old`'s rules with the same name and
    /// kind, as `Group.CopyState` does when a reload changes a group (no restore then).
    public mutating func copyState(from old: RuleGroup) {
        var oldIndex: [String: Int] = [:]
        for (index, rule) in old.rules.enumerated() where oldIndex[rule.name] == nil { oldIndex[rule.name] = index }
        for index in rules.indices {
            guard let previous = oldIndex[rules[index].name] else { continue }
            previousSeries[index] = old.previousSeries[previous]
            if case .alerting(var rule) = rules[index], case .alerting(let oldRule) = old.rules[previous] {
                rule.active = oldRule.active
                rules[index] = .alerting(rule)
            }
        }
    }

    /// Series every rule wrote last time (for staleness markers when the group goes away).
    public var lastWrittenSeries: [Labels] { previousSeries.values.flatMap { $0 }.sorted() }

    /// Every alerting rule's alerts due for (re)sending at `ts`, marked as sent
    /// (`sendAlerts` in alerting.go), with the group interval as the validity base.
    public mutating func alertsToSend(at ts: Timestamp, resendDelay: PromDuration) -> [(rule: AlertingRule, alerts: [Alert])] {
        var out: [(rule: AlertingRule, alerts: [Alert])] = []
        for index in rules.indices {
            guard case .alerting(var rule) = rules[index] else { continue }
            let due = rule.alertsToSend(at: ts, resendDelay: resendDelay, interval: interval)
            rules[index] = .alerting(rule)
            if !due.isEmpty { out.append((rule, due)) }
        }
        return out
    }

    /// The alerting rules, in file order.
    public var alertingRules: [AlertingRule] {
        rules.compactMap { if case .alerting(let rule) = $0 { rule } else { nil } }
    }
}
