public import Model
public import Rules

/// Where alerts due for (re)sending go each evaluation (`NotifyFunc` in Prometheus): the
/// notification dispatcher once Notify is wired in through Bridges/AlertsToNotify.
public protocol AlertSink: Sendable {
    /// Hands over `alerts` of `rule` (group `groupKey`) at evaluation time `time`.
    func send(_ alerts: [Alert], rule: AlertingRule, groupKey: String, at time: Timestamp) async
}
