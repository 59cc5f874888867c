public import HTTPClient
public import Logging
public import Model
public import Notify
public import Rules
public import ServiceLifecycle

/// Notify wired into the daemon: the `AlertSink` the scheduler hands each evaluation's due
/// alerts to (bridged by `AlertsToNotify`, then grouped, routed, deduplicated and delivered by
/// `NotifyService`, and forwarded to `alertmanagers:`), and the `Service` that runs the
/// dispatcher's timers and resumes the outbox after a restart.
public final class NotificationPipeline: AlertSink, Service, Sendable {
    /// The Notify side: dispatcher, delivery queue, forwarders, metrics.
    public let service: NotifyService
    let database: NotifyStateDatabase?
    let clock: any NotifyClock
    let externalLabels: [String: String]
    let externalURL: String
    let logger: Logger

    /// Wires a pipeline.
    /// - Parameters:
    ///   - config: the decoded `alerting:` section.
    ///   - global: `external_labels` (added to alerts sent) and `external_url` (links).
    ///   - database: the state file; nil keeps the outbox and log in memory (lost on exit)
    ///     and silences off (there is nowhere `binwatch silence` could write them).
    ///   - transport: the HTTP client (libcurl in production, the same in tests).
    ///   - clock: Notify's time source (the dispatcher's timers, backoff, log timestamps).
    ///   - policy: retries and backoff.
    public init(
        config: NotifyConfig, global: BinwatchConfig.Global, database: NotifyStateDatabase?,
        transport: any HTTPTransport = CurlHTTPClient(), clock: any NotifyClock = SystemNotifyClock(),
        policy: RetryPolicy = RetryPolicy(), logger: Logger = Logger(label: "binwatch.notify")
    ) {
        self.database = database
        self.clock = clock
        self.externalLabels = global.externalLabels
        self.externalURL = global.externalURL
        self.logger = logger
        let outbox: any Outbox = database?.outbox ?? InMemoryOutbox()
        let log: any NotificationLog = database?.notificationLog ?? InMemoryNotificationLog()
        service = NotifyService(
            config: config, externalURL: global.externalURL, transport: transport, outbox: outbox, log: log,
            silences: database?.silences, clock: clock, policy: policy, renderer: nil,
            onEvent: { event in
                switch event {
                case .delivered(let slot, let attempts):
                    logger.info("notification delivered", metadata: ["slot": "\(slot)", "attempts": "\(attempts)"])
                case .failed(let slot, let error, let willRetry):
                    logger.warning(
                        "notification failed", metadata: ["slot": "\(slot)", "err": "\(error)", "retry": "\(willRetry)"])
                }
            })
    }

    /// Hands one rule's due alerts to the dispatcher and forwards them to the Alertmanagers.
    public func send(_ alerts: [Rules.Alert], rule: AlertingRule, groupKey: String, at time: Timestamp) async {
        let converted = AlertsToNotify.convert(alerts, rule: rule, externalLabels: externalLabels, externalURL: externalURL)
        guard !converted.isEmpty else { return }
        await service.dispatcher.receive(converted, at: clock.now())
        for failure in await service.forward(converted) {
            logger.warning("alerts not forwarded to Alertmanager", metadata: ["rule": "\(rule.name)", "err": "\(failure)"])
        }
    }

    /// Resumes what the outbox still holds, runs the dispatcher's timers until graceful
    /// shutdown, then stops the delivery tasks (their notifications stay in the outbox).
    public func run() async throws {
        await service.delivery.resume()
        let dispatcher = service.dispatcher
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await dispatcher.run() }
                group.addTask { await self.maintain() }
                await group.waitForAll()
            }
        }
        await service.delivery.cancelAll()
    }

    /// Once a minute: drops expired log entries and silences ended more than 5 days ago
    /// (Alertmanager's default retention), so the state file does not grow forever.
    func maintain() async {
        while !Task.isCancelled {
            garbageCollect(at: clock.now())
            do { try await clock.sleep(for: .seconds(60)) } catch { return }
        }
    }

    /// One garbage-collection pass at `now`.
    func garbageCollect(at now: Timestamp) {
        guard let database else { return }
        do {
            try database.notificationLog.garbageCollect(at: now)
            try database.silences.garbageCollect(endedBefore: Timestamp(milliseconds: now.milliseconds - 120 * 3_600_000))
        } catch {
            logger.warning("state store cleanup failed", metadata: ["err": "\(error)"])
        }
    }
}
