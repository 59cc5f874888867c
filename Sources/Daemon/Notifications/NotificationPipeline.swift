public import HTTPClient
public import Logging
public import Model
public import Notify
public import Rules
public import ServiceLifecycle
import Synchronization

/// Notify wired into the daemon: the `AlertSink` the scheduler hands each evaluation's due
/// alerts to (bridged by `AlertsToNotify`, then grouped, routed, deduplicated and delivered by
/// `NotifyService`, and forwarded to `alertmanagers:`), and the `Service` that runs the
/// dispatcher's timers and resumes the outbox after a restart.
public final class NotificationPipeline: AlertSink, Service, Sendable {
    /// What a reload replaces together.
    struct Current: Sendable {
        var service: NotifyService
        var externalLabels: [String: String]
        var externalURL: String
        /// The `alerting:` section decoded (route, receivers, inhibit rules), for the API.
        var config: NotifyConfig
        /// The section as written, secrets hidden (the API's `config.original`).
        var original: String
    }

    let database: NotifyStateDatabase?
    let transport: any HTTPTransport
    let clock: any NotifyClock
    let policy: RetryPolicy
    let logger: Logger
    let current: Mutex<Current>
    /// The alerts handed to the dispatcher by fingerprint, with when each was last received
    /// (Alertmanager's alert store, which its API lists): written by `send`, read by the
    /// HTTP API without entering the dispatcher's actor.
    let received = Mutex<[UInt64: ReceivedAlert]>([:])
    /// Wakes `run()` when a reload swapped the service in.
    private let reloads: (stream: AsyncStream<Void>, continuation: AsyncStream<Void>.Continuation)
    /// Deliveries and failed attempts since start, kept across reloads (`/notifications`).
    public let history: DeliveryHistory

    /// The Notify side now: dispatcher, delivery queue, forwarders, metrics.
    public var service: NotifyService { current.withLock { $0.service } }

    /// Wires a pipeline.
    /// - Parameters:
    ///   - config: the decoded `alerting:` section.
    ///   - global: `external_labels` (added to alerts sent) and `external_url` (links).
    ///   - database: the state file; nil keeps the outbox and log in memory (lost on exit)
    ///     and silences off (there is nowhere `binwatch silence` could write them).
    ///   - transport: the HTTP client (libcurl in production, the same in tests).
    ///   - clock: Notify's time source (the dispatcher's timers, backoff, log timestamps).
    ///   - policy: retries and backoff.
    ///   - original: the `alerting:` section as written, secrets hidden (`RedactedAlertingConfig`).
    public init(
        config: NotifyConfig, global: BinwatchConfig.Global, database: NotifyStateDatabase?,
        transport: any HTTPTransport = CurlHTTPClient(), clock: any NotifyClock = SystemNotifyClock(),
        policy: RetryPolicy = RetryPolicy(), logger: Logger = Logger(label: "binwatch.notify"), original: String = ""
    ) {
        self.database = database
        self.transport = transport
        self.clock = clock
        self.policy = policy
        self.logger = logger
        reloads = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let history = DeliveryHistory()
        self.history = history
        current = Mutex(Current(
            service: Self.makeService(config, global: global, database: database, transport: transport, clock: clock,
                                      policy: policy, logger: logger, history: history),
            externalLabels: global.externalLabels, externalURL: global.externalURL, config: config, original: original))
    }

    static func makeService(
        _ config: NotifyConfig, global: BinwatchConfig.Global, database: NotifyStateDatabase?, transport: any HTTPTransport,
        clock: any NotifyClock, policy: RetryPolicy, logger: Logger, history: DeliveryHistory
    ) -> NotifyService {
        let outbox: any Outbox = database?.outbox ?? InMemoryOutbox()
        let log: any NotificationLog = database?.notificationLog ?? InMemoryNotificationLog()
        return NotifyService(
            config: config, externalURL: global.externalURL, transport: transport, outbox: outbox, log: log,
            silences: database?.silences, clock: clock, policy: policy, renderer: nil,
            onEvent: { event in
                history.record(event, at: clock.now())
                switch event {
                case .delivered(let slot, let attempts):
                    logger.info("notification delivered", metadata: ["slot": "\(slot)", "attempts": "\(attempts)"])
                case .failed(let slot, let error, let willRetry):
                    logger.warning(
                        "notification failed", metadata: ["slot": "\(slot)", "err": "\(error)", "retry": "\(willRetry)"])
                }
            })
    }

    /// Takes a reloaded `alerting:` and `global:` into use, as Alertmanager reloads: a new
    /// dispatcher (its groups refill as the rules resend their alerts, one resend_delay at
    /// most) over the same outbox and notification log, so nothing delivered is sent again
    /// and nothing pending is lost. Self-metric counters restart from zero.
    public func reconfigure(_ config: NotifyConfig, global: BinwatchConfig.Global, original: String = "") {
        let service = Self.makeService(
            config, global: global, database: database, transport: transport, clock: clock, policy: policy, logger: logger,
            history: history)
        current.withLock {
            $0 = Current(
                service: service, externalLabels: global.externalLabels, externalURL: global.externalURL, config: config,
                original: original)
        }
        reloads.continuation.yield()
    }

    /// Hands one rule's due alerts to the dispatcher and forwards them to the Alertmanagers.
    public func send(_ alerts: [Rules.Alert], rule: AlertingRule, groupKey: String, at time: Timestamp) async {
        let now = current.withLock { $0 }
        let converted = AlertsToNotify.convert(
            alerts, rule: rule, externalLabels: now.externalLabels, externalURL: now.externalURL)
        guard !converted.isEmpty else { return }
        let receivedAt = clock.now()
        remember(converted, at: receivedAt)  // NotificationPipeline+API.swift
        await now.service.dispatcher.receive(converted, at: receivedAt)
        for failure in await now.service.forward(converted) {
            logger.warning("alerts not forwarded to Alertmanager", metadata: ["rule": "\(rule.name)", "err": "\(failure)"])
        }
    }

    /// Resumes what the outbox still holds, runs the dispatcher's timers until graceful
    /// shutdown (switching to a new dispatcher at each reload), then stops the delivery
    /// tasks (their notifications stay in the outbox).
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.maintain() }
                group.addTask { await self.runDispatchers() }
                await group.waitForAll()
            }
        }
        await service.delivery.cancelAll()
    }

    /// The current service's dispatcher loop, restarted on the new service after a reload.
    func runDispatchers() async {
        var iterator = reloads.stream.makeAsyncIterator()
        while !Task.isCancelled {
            let running = service
            await running.delivery.resume()
            let loop = Task { await running.dispatcher.run() }
            await withTaskCancellationHandler {
                _ = await iterator.next()
            } onCancel: {
                loop.cancel()
                reloads.continuation.yield()
            }
            loop.cancel()
            // The old queue's pending notifications stay in the outbox; the new one resumes them.
            await running.delivery.cancelAll()
        }
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
    public func garbageCollect(at now: Timestamp) {
        guard let database else { return }
        do {
            try database.notificationLog.garbageCollect(at: now)
            try database.silences.garbageCollect(endedBefore: Timestamp(milliseconds: now.milliseconds - 120 * 3_600_000))
        } catch {
            logger.warning("state store cleanup failed", metadata: ["err": "\(error)"])
        }
    }
}
