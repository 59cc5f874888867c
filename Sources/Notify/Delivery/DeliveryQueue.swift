public import Model

/// Delivers outbox notifications with retries, one task per slot (group × receiver ×
/// integration), so a slow or failing receiver never delays another, and a failing group
/// never delays another group.
///
/// A notification is in the outbox before the first attempt and leaves it only after a
/// 2xx (then the notification log records it) or a non-retryable failure (then the next
/// flush re-sends it, as Alertmanager does at the next group_interval).
public actor DeliveryQueue {
    /// What happened to one attempt, for the daemon's log.
    public enum Event: Sendable {
        /// Delivered after `attempts` attempts.
        case delivered(OutboundNotification.Slot, attempts: Int)
        /// An attempt failed; `willRetry` tells whether the queue keeps trying.
        case failed(OutboundNotification.Slot, NotifyError, willRetry: Bool)
    }

    private let outbox: any Outbox
    private let log: any NotificationLog
    private let integrations: [String: [String: Integration]]
    private let policy: RetryPolicy
    private let clock: any NotifyClock
    private let metrics: NotifyMetrics
    private let random: @Sendable () -> Double
    private let logRetention: PromDuration
    private let onEvent: @Sendable (Event) -> Void
    /// Route key → how long one attempt may take (`NotificationDeadline`).
    private let attemptTimeouts: [String: Duration]
    private var active: [OutboundNotification.Slot: Task<Void, Never>] = [:]

    /// Creates a queue.
    /// - Parameters:
    ///   - outbox: where pending notifications are kept.
    ///   - log: where deliveries are recorded.
    ///   - integrations: receiver name → integration id (`slack[0]`) → integration.
    ///   - policy: backoff and status classification.
    ///   - clock: time for backoff waits and log timestamps.
    ///   - metrics: self metrics.
    ///   - logRetention: how long log entries are kept (2 × the longest repeat_interval).
    ///   - attemptTimeouts: route key → how long one attempt may take; routes not listed
    ///     get `NotificationDeadline.minimum`.
    ///   - random: jitter source in [0, 1).
    ///   - onEvent: called after each attempt.
    public init(
        outbox: any Outbox, log: any NotificationLog, integrations: [String: [Integration]], policy: RetryPolicy,
        clock: any NotifyClock, metrics: NotifyMetrics, logRetention: PromDuration, attemptTimeouts: [String: Duration] = [:],
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        onEvent: @escaping @Sendable (Event) -> Void = { _ in }
    ) {
        self.outbox = outbox
        self.log = log
        self.integrations = integrations.mapValues { list in
            Dictionary(list.map { ($0.info.id, $0) }, uniquingKeysWith: { first, _ in first })
        }
        self.policy = policy
        self.clock = clock
        self.metrics = metrics
        self.logRetention = logRetention
        self.attemptTimeouts = attemptTimeouts
        self.random = random
        self.onEvent = onEvent
    }

    /// Writes `notification` to the outbox (replacing an unsent older state of its slot)
    /// and makes sure its slot is being delivered.
    /// - Throws: `NotifyError` when the outbox cannot store it.
    public func submit(_ notification: OutboundNotification) async throws(NotifyError) {
        try await outbox.put(notification)
        start(notification.slot)
    }

    /// Starts delivery of everything left in the outbox (after a restart).
    public func resume() async {
        for notification in await outbox.all() { start(notification.slot) }
    }

    /// Whether the slot has an undelivered notification.
    public func isPending(_ slot: OutboundNotification.Slot) async -> Bool {
        await outbox.pending(slot) != nil
    }

    /// Waits until every slot's delivery task has finished (tests, shutdown).
    public func waitUntilIdle() async {
        while let (_, task) = active.first {
            await task.value
        }
    }

    /// Cancels every delivery task; pending notifications stay in the outbox.
    public func cancelAll() {
        for task in active.values { task.cancel() }
    }

    /// Records a notification that needs no request (only resolved alerts for an
    /// integration without send_resolved) as delivered.
    func recordWithoutSending(_ notification: OutboundNotification) async throws(NotifyError) {
        let entry = NotificationLogEntry(firing: notification.firing, resolved: notification.resolved, timestamp: clock.now())
        try await log.record(entry, for: notification.slot, retention: logRetention)
    }

    private func start(_ slot: OutboundNotification.Slot) {
        guard active[slot] == nil else { return }
        active[slot] = Task { await self.deliverLoop(slot) }
        metrics.setOutboxDepth(active.count)
    }

    private func deliverLoop(_ slot: OutboundNotification.Slot) async {
        var attempts = 0
        while !Task.isCancelled, let notification = await outbox.pending(slot) {
            guard let integration = integrations[slot.receiver]?[slot.integration] else {
                // Config changed and the integration is gone: nothing can deliver it.
                let error = NotifyError(kind: .request, message: "no integration \(slot.integration) in receiver \"\(slot.receiver)\"")
                metrics.failed(integration: slot.integration, receiver: slot.receiver, reason: error.reason)
                onEvent(.failed(slot, error, willRetry: false))
                try? await outbox.remove(notification)
                continue
            }
            attempts += 1
            let name = integration.info.name
            metrics.attempted(integration: name, receiver: slot.receiver)
            let started = ContinuousClock.now
            do throws(NotifyError) {
                defer { metrics.observeLatency(seconds: Double((ContinuousClock.now - started).milliseconds) / 1000) }
                try await attempt(integration, notification)
                let entry = NotificationLogEntry(
                    firing: notification.firing, resolved: notification.resolved, timestamp: clock.now())
                try? await log.record(entry, for: slot, retention: logRetention)
                try? await outbox.remove(notification)
                onEvent(.delivered(slot, attempts: attempts))
                attempts = 0
            } catch {
                metrics.failed(integration: name, receiver: slot.receiver, reason: error.reason)
                onEvent(.failed(slot, error, willRetry: error.isRetryable))
                if !error.isRetryable {
                    try? await outbox.remove(notification)
                    attempts = 0
                    continue
                }
                let wait = policy.delay(afterAttempt: attempts, error: error, random: random())
                do { try await clock.sleep(for: wait) } catch { break }
            }
        }
        active[slot] = nil
        metrics.setOutboxDepth(active.count)
        // A submit may have raced with the last empty check.
        if !Task.isCancelled, await outbox.pending(slot) != nil { start(slot) }
    }

    /// One attempt under its route's deadline (the task-local `NotificationDeadline` the
    /// integrations' requests read).
    private func attempt(_ integration: Integration, _ notification: OutboundNotification) async throws(NotifyError) {
        let timeout = attemptTimeouts[notification.group.routeKey] ?? NotificationDeadline.minimum
        let result: Result<Void, NotifyError> = await NotificationDeadline.$attemptTimeout.withValue(timeout) {
            do throws(NotifyError) {
                try await integration.notifier.notify(notification.alerts, group: notification.group)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }
}
