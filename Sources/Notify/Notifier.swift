import Model

/// One integration of a receiver (a Slack webhook, a PagerDuty service, a webhook URL):
/// the seam the dispatcher delivers through, Alertmanager's `Notifier` with the retry
/// bool folded into `NotifyError.isRetryable`.
public protocol Notifier: Sendable {
    /// Sends one notification for a group. The alerts are in notification order and their
    /// `endsAt` is set only when resolved at flush time.
    /// - Parameters:
    ///   - alerts: the group's alerts to report (already muted and filtered).
    ///   - group: the group's key (route key and group labels).
    /// - Throws: `NotifyError`; the caller retries it when `isRetryable`.
    func notify(_ alerts: [Alert], group: GroupKey) async throws(NotifyError)
}

/// What the dispatcher needs to know about an integration besides how to send.
public struct IntegrationInfo: Sendable, Hashable {
    /// `slack`, `pagerduty`, `webhook`: the `integration` metric label.
    public var name: String
    /// Position among the receiver's integrations of that name (`slack[0]`).
    public var index: Int
    /// Whether resolved alerts are sent (`send_resolved`).
    public var sendResolved: Bool

    /// Creates integration info.
    public init(name: String, index: Int, sendResolved: Bool) {
        self.name = name
        self.index = index
        self.sendResolved = sendResolved
    }

    /// `name[index]`, as Alertmanager names integrations in logs.
    public var id: String { "\(name)[\(index)]" }
}

/// An integration ready to send: its notifier plus its settings.
public struct Integration: Sendable {
    /// Name, index and `send_resolved`.
    public var info: IntegrationInfo
    /// The sender.
    public var notifier: any Notifier

    /// Creates an integration.
    public init(info: IntegrationInfo, notifier: any Notifier) {
        self.info = info
        self.notifier = notifier
    }
}
