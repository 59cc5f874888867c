public import Model

/// How long one delivery attempt may take.
///
/// Alertmanager 0.25 has no timeout setting: `dispatch/dispatch.go` runs each flush of an
/// aggregation group under `context.WithTimeout(ag.ctx, ag.timeout(ag.opts.GroupInterval))`,
/// where the timeout is the route's group_interval but at least `notify.MinTimeout`, 10 s
/// (`cmd/alertmanager/main.go`, plus the HA peer's wait, nothing for a single instance). Every
/// request of that flush shares the deadline. binwatch keeps retrying past a flush through its
/// durable outbox, so the same bound applies to each attempt. `notification_timeout` in the
/// `alerting:` section (a binwatch key, like `data_retention`) replaces it for every route,
/// for a receiver that must be given up on sooner.
///
/// The delivery queue sets the bound around each attempt, as Go hands the deadline down in
/// the context, so every integration that posts through `JSONPoster` obeys it without a
/// parameter of its own on the `Notifier` seam.
public enum NotificationDeadline {
    /// Alertmanager's floor, `notify.MinTimeout`.
    public static let minimum = Duration.seconds(10)

    /// The bound of the attempt running in this task (`minimum` outside a delivery).
    @TaskLocal static var attemptTimeout: Duration = minimum

    /// The bound for a route's notifications.
    /// - Parameters:
    ///   - groupInterval: the route's group_interval.
    ///   - override: `notification_timeout`, when set.
    public static func timeout(groupInterval: PromDuration, override: PromDuration?) -> Duration {
        if let override { return override.duration }
        return max(groupInterval.duration, minimum)
    }

    /// Route key → bound, for every route of `config`.
    public static func timeouts(_ config: NotifyConfig) -> [String: Duration] {
        var out: [String: Duration] = [:]
        for route in config.route.allRoutes {
            out[route.key] = timeout(groupInterval: route.options.groupInterval, override: config.notificationTimeout)
        }
        return out
    }
}
