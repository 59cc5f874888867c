public import HTTPClient
public import Model

extension NotifyConfig {
    /// Builds every receiver's integrations (`slack[0]`, `pagerduty[0]`, `webhook[1]`…).
    /// - Parameters:
    ///   - externalURL: binwatch's external URL (links in payloads).
    ///   - transport: the HTTP client (libcurl in production).
    ///   - policy: retry and status classification.
    ///   - renderer: renders the field templates; nil for the config's own template set.
    public func integrations(
        externalURL: String, transport: any HTTPTransport, policy: RetryPolicy = RetryPolicy(),
        renderer: (any NotificationTemplateRenderer)? = nil
    ) -> [String: [Integration]] {
        var result: [String: [Integration]] = [:]
        for receiver in receivers {
            let context = IntegrationContext(
                receiver: receiver.name, externalURL: externalURL, transport: transport, policy: policy,
                renderer: renderer ?? templates)
            result[receiver.name] = receiverIntegrations(receiver, context: context)
        }
        return result
    }

    /// How long notification-log entries are kept: 2 × the longest repeat_interval (the
    /// dedup stage needs an entry that long), capped at `dataRetention`, as Alertmanager's
    /// `nflog.Log` takes the smaller of its retention and the expiry it is given.
    public var logRetention: PromDuration {
        let expiry = 2 * (route.allRoutes.map(\.options.repeatInterval.milliseconds).max() ?? 0)
        return PromDuration(milliseconds: expiry > 0 ? min(expiry, dataRetention.milliseconds) : dataRetention.milliseconds)
    }
}

/// Everything the daemon wires for notifications: the dispatcher, its delivery queue and
/// the Alertmanager forwarders, built from one `NotifyConfig`.
public struct NotifyService: Sendable {
    /// Groups, times and dedups alerts.
    public let dispatcher: Dispatcher
    /// Delivers notifications with retries.
    public let delivery: DeliveryQueue
    /// Forwarders for `alertmanagers:`.
    public let forwarders: [AlertmanagerNotifier]
    /// Self metrics.
    public let metrics: NotifyMetrics

    /// Wires a service.
    /// - Parameters:
    ///   - config: the decoded `alerting:` section.
    ///   - externalURL: links in payloads.
    ///   - transport: the HTTP client.
    ///   - outbox: durable outbox (the daemon's SQLite store).
    ///   - log: durable notification log.
    ///   - silences: silence muter.
    ///   - clock: time source.
    ///   - policy: retry policy.
    ///   - renderer: custom template renderer.
    ///   - onEvent: delivery events for logging.
    public init(
        config: NotifyConfig, externalURL: String, transport: any HTTPTransport, outbox: any Outbox,
        log: any NotificationLog, silences: (any Muter)?, clock: any NotifyClock, policy: RetryPolicy = RetryPolicy(),
        renderer: (any NotificationTemplateRenderer)? = nil,
        onEvent: @escaping @Sendable (DeliveryQueue.Event) -> Void = { _ in }
    ) {
        let metrics = NotifyMetrics()
        let integrations = config.integrations(
            externalURL: externalURL, transport: transport, policy: policy, renderer: renderer)
        let delivery = DeliveryQueue(
            outbox: outbox, log: log, integrations: integrations, policy: policy, clock: clock, metrics: metrics,
            logRetention: config.logRetention, attemptTimeouts: NotificationDeadline.timeouts(config), onEvent: onEvent)
        let inhibitor = config.inhibitRules.isEmpty ? nil : Inhibitor(rules: config.inhibitRules)
        dispatcher = Dispatcher(
            route: config.route, integrations: integrations, inhibitor: inhibitor, muters: silences.map { [$0] } ?? [],
            log: log, delivery: delivery, clock: clock, resolveTimeout: config.global.resolveTimeout,
            timeIntervals: config.timeIntervals, metrics: metrics)
        self.delivery = delivery
        self.metrics = metrics
        forwarders = config.alertmanagers.map { AlertmanagerNotifier(config: $0, transport: transport, policy: policy) }
    }

    /// Sends alerts to every configured Alertmanager; returns the failures (not retried).
    public func forward(_ alerts: [Alert]) async -> [NotifyError] {
        var errors: [NotifyError] = []
        for forwarder in forwarders { errors += await forwarder.send(alerts) }
        return errors
    }
}
