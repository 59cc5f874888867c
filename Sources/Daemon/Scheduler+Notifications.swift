import Exposition
public import HTTPClient
import Logging
import Model
public import Notify

extension Scheduler {
    /// Connects the notification pipeline (or any other sink) after the state file is open:
    /// its stores live in the same file, which `openState()` may have moved aside and recreated.
    public func setAlertSink(_ sink: (any AlertSink)?) { alertSink = sink }

    /// The sink's metric families (notifications), for the textfile and `/metrics`.
    func sinkMetricFamilies() -> [MetricFamily] {
        (alertSink as? any MetricsContributing)?.metricFamilies() ?? []
    }
}

extension Scheduler {
    /// Builds the notification pipeline from `alerting:` (nil when the section is absent) and
    /// makes it the alert sink. Its outbox, notification log and silences live in the state
    /// file; without `state.path` they are kept in memory and silences are off (said in the log).
    /// Call after `openState()`, and run the returned pipeline as a service.
    /// - Parameters:
    ///   - transport: the HTTP client for receivers and Alertmanagers.
    ///   - clock: Notify's time source.
    ///   - policy: retries and backoff.
    public func connectNotifications(
        transport: any HTTPTransport = CurlHTTPClient(), clock: any NotifyClock = SystemNotifyClock(),
        policy: RetryPolicy = RetryPolicy()
    ) -> NotificationPipeline? {
        guard let notify = runtime.config.notify else { return nil }
        var database: NotifyStateDatabase?
        if let path = runtime.config.state.path {
            do {
                database = try NotifyStateDatabase(path: path)
            } catch {
                logger.error("notification outbox not durable: \(error); keeping it in memory")
            }
        } else {
            logger.warning("no state.path: the notification outbox and log are kept in memory, silences are off")
        }
        let pipeline = NotificationPipeline(
            config: notify, global: runtime.config.global, database: database, transport: transport, clock: clock,
            policy: policy, logger: logger, original: alertingOriginal())
        alertSink = pipeline
        return pipeline
    }
}

extension Scheduler {
    /// After a reload: the pipeline takes the new `alerting:` and `global:` (a new
    /// dispatcher over the same outbox and log). Adding or removing the whole section needs
    /// a restart, as the pipeline is a service started with the daemon; that is logged.
    func reconfigureNotifications() {
        let pipeline = alertSink as? NotificationPipeline
        switch (pipeline, runtime.config.notify) {
        case (let pipeline?, let notify?):
            pipeline.reconfigure(notify, global: runtime.config.global, original: alertingOriginal())
        case (nil, _?):
            logger.warning("alerting: added by a reload takes effect at the next restart")
        case (_?, nil):
            logger.warning("alerting: removed by a reload; notifications keep the previous configuration until a restart")
        case (nil, nil):
            break
        }
    }
}

extension Scheduler {
    /// The `alerting:` section as written, secrets hidden: the Alertmanager API's `config.original`.
    func alertingOriginal() -> String {
        runtime.config.alerting.map { RedactedAlertingConfig.text(of: $0.node) } ?? ""
    }

    /// What the HTTP server's Alertmanager API reads: the notification pipeline (nil without
    /// `alerting:`) and the state file that holds the silences (nil without `state.path`).
    /// Asked once when the server starts; the pipeline stays the same object across reloads.
    public func alertmanagerBackend() -> (pipeline: NotificationPipeline?, statePath: String?) {
        (alertSink as? NotificationPipeline, runtime.config.state.path)
    }
}
