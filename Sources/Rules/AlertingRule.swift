public import Model

/// An alerting rule and its alerts, stepped by hand: `evaluate` is Prometheus's
/// `AlertingRule.Eval` minus the query, which the caller runs (so this stays pure and
/// the engine can be plugged in later).
public struct AlertingRule: Sendable {
    /// How long resolved alerts are kept (and resent), as `resolvedRetention` in alerting.go.
    public static let resolvedRetention = PromDuration(milliseconds: 15 * 60 * 1000)

    public let name: String
    public let expr: String
    public let holdDuration: PromDuration
    public let keepFiringFor: PromDuration
    /// Rule labels as written (templates), applied in name order.
    public let labels: [RuleFile.KeyValue]
    public let annotations: [RuleFile.KeyValue]
    public let externalLabels: [String: String]
    public let externalURL: String
    /// Alerts by identity (their label set).
    public internal(set) var active: [Labels: Alert] = [:]

    public init(
        name: String, expr: String, holdDuration: PromDuration = .zero, keepFiringFor: PromDuration = .zero,
        labels: [RuleFile.KeyValue] = [], annotations: [RuleFile.KeyValue] = [],
        externalLabels: [String: String] = [:], externalURL: String = ""
    ) {
        self.name = name
        self.expr = expr
        self.holdDuration = holdDuration
        self.keepFiringFor = keepFiringFor
        self.labels = labels.sorted { $0.key < $1.key }
        self.annotations = annotations
        self.externalLabels = externalLabels
        self.externalURL = externalURL
    }

    /// What one evaluation changed.
    public enum Transition: Sendable, Equatable {
        case becamePending(Labels)
        case fired(Labels)
        case resolved(Labels)
    }

    /// The outcome of one successful evaluation.
    public struct Evaluation: Sendable, Equatable {
        /// `ALERTS` and `ALERTS_FOR_STATE` samples, sorted by labels.
        public var samples: [RuleSample]
        public var transitions: [Transition]
    }

    /// Advances every alert to evaluation time `ts` given the expression's result.
    /// - Parameters:
    ///   - result: the instant-query result at `ts - queryOffset` (a scalar is one sample with no labels).
    ///   - queryOffset: the group's `query_offset`; output samples are stamped `ts - queryOffset`.
    ///   - limit: the group's `limit` (0 = none).
    ///   - restored: whether `for` state restore is done; until then no ALERTS series are written.
    ///   - query: runs `query` inside templates.
    /// - Throws: `RuleEvaluationError` for duplicate label sets (state untouched) and for an
    ///   exceeded limit (all alerts dropped), with Prometheus's messages.
    public mutating func evaluate(
        _ result: [QueryResultSample], at ts: Timestamp, queryOffset: PromDuration = .zero, limit: Int = 0,
        restored: Bool = true, query: TemplateQuery? = nil
    ) throws(RuleEvaluationError) -> Evaluation {
        var candidates: [Labels: Alert] = [:]
        for sample in result {
            var seriesMap: [String: String] = [:]
            for label in sample.labels { seriesMap[label.name] = label.value }
            let data = AlertTemplateData(
                labels: seriesMap, externalLabels: externalLabels, externalURL: externalURL, value: sample.value)
            func expand(_ text: String) -> String { AlertTemplate.expand(text, alert: name, data: data, query: query) }
            var alertLabels = sample.labels.removing([LabelName.metricName])
            for label in labels { alertLabels.set(label.key, to: expand(label.value)) }
            alertLabels.set(LabelName.alertName, to: name)
            var expanded = Labels()
            for annotation in annotations { expanded.set(annotation.key, to: expand(annotation.value)) }
            guard candidates[alertLabels] == nil else {
                throw RuleEvaluationError("vector contains metrics with the same labelset after applying alert labels")
            }
            candidates[alertLabels] = Alert(state: .pending, labels: alertLabels, annotations: expanded, value: sample.value, activeAt: ts)
        }

        var transitions: [Transition] = []
        for (identity, candidate) in candidates {
            if var existing = active[identity], existing.state != .inactive {
                existing.value = candidate.value
                existing.annotations = candidate.annotations
                active[identity] = existing
            } else {
                active[identity] = candidate
                transitions.append(.becamePending(identity))
            }
        }

        var samples: [RuleSample] = []
        var numActive = 0
        let outputTime = ts - queryOffset
        for identity in active.keys.sorted() {
            guard var alert = active[identity] else { continue }
            if candidates[identity] == nil {
                var keepFiring = false
                if alert.state == .firing && keepFiringFor > .zero {
                    let since = alert.keepFiringSince ?? ts
                    alert.keepFiringSince = since
                    keepFiring = ts - since < keepFiringFor
                }
                // Resolved alerts stay 15m so they are re-sent (Alertmanager may have missed
                // the first resolve) and survive short flaps; pending ones just vanish.
                if alert.state == .pending || (alert.resolvedAt.map { ts - $0 > Self.resolvedRetention } ?? false) {
                    active[identity] = nil
                    continue
                }
                if alert.state != .inactive && !keepFiring {
                    alert.state = .inactive
                    alert.resolvedAt = ts
                    transitions.append(.resolved(identity))
                }
                active[identity] = alert
                if !keepFiring { continue }
            } else {
                alert.keepFiringSince = nil
            }
            numActive += 1
            if alert.state == .pending && ts - alert.activeAt >= holdDuration {
                alert.state = .firing
                alert.firedAt = ts
                transitions.append(.fired(identity))
            }
            active[identity] = alert
            if restored { samples += seriesSamples(for: alert, at: outputTime) }
        }
        if limit > 0 && numActive > limit {
            active = [:]
            throw RuleEvaluationError("exceeded limit of \(limit) with \(numActive) alerts")
        }
        return Evaluation(samples: samples.sorted { $0.labels < $1.labels }, transitions: transitions)
    }

    /// `ALERTS{alertstate}` = 1 and `ALERTS_FOR_STATE` = activeAt in seconds. Both start from
    /// the *unexpanded* rule labels, overlaid by the alert's, as `alerting.go:sample` does.
    func seriesSamples(for alert: Alert, at time: Timestamp) -> [RuleSample] {
        var base = Labels(labels.map { Label(name: $0.key, value: $0.value) })
        for label in alert.labels { base.set(label.name, to: label.value) }
        base.set(LabelName.alertName, to: name)
        var alerts = base
        alerts.set(LabelName.metricName, to: "ALERTS")
        alerts.set("alertstate", to: alert.state.rawValue)
        var forState = base
        forState.set(LabelName.metricName, to: "ALERTS_FOR_STATE")
        let activeSeconds = alert.activeAt.milliseconds >= 0
            ? alert.activeAt.milliseconds / 1000 : -((-alert.activeAt.milliseconds + 999) / 1000)
        return [
            RuleSample(labels: alerts, value: 1, timestamp: time),
            RuleSample(labels: forState, value: Double(activeSeconds), timestamp: time),
        ]
    }

    /// Alerts that currently fire (what `promtool test rules` compares).
    public var firingAlerts: [Alert] { active.values.filter { $0.state == .firing }.sorted { $0.labels < $1.labels } }

    /// Marks and returns the alerts due for (re)sending at `ts`, as `sendAlerts`:
    /// `validUntil = ts + 4 × max(interval, resendDelay)`.
    public mutating func alertsToSend(at ts: Timestamp, resendDelay: PromDuration, interval: PromDuration) -> [Alert] {
        var due: [Alert] = []
        let validity = PromDuration(milliseconds: 4 * max(interval.milliseconds, resendDelay.milliseconds))
        for identity in active.keys.sorted() {
            guard var alert = active[identity], alert.needsSending(at: ts, resendDelay: resendDelay) else { continue }
            alert.lastSentAt = ts
            alert.validUntil = ts + validity
            active[identity] = alert
            due.append(alert)
        }
        return due
    }
}
