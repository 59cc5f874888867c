public import Model

/// Routes alerts into aggregation groups and flushes each group on Alertmanager's
/// timers (group_wait, group_interval, repeat_interval), applying inhibition, silences
/// and per-integration dedup before handing notifications to the `DeliveryQueue`.
///
/// Time comes from the injected clock; `flushDue(at:)` lets tests step it by hand and
/// `run()` is the production loop.
public actor Dispatcher {
    let route: Route
    let integrationsByReceiver: [String: [Integration]]
    let inhibitor: Inhibitor?
    let muters: [any Muter]
    let log: any NotificationLog
    let delivery: DeliveryQueue
    let clock: any NotifyClock
    /// `global.resolve_timeout`: the `endsAt` given to an alert that arrives without one.
    let resolveTimeout: PromDuration
    /// The config's named time intervals, for routes' mute/active lists.
    let timeIntervals: TimeIntervals
    /// Counts flushes held back by time intervals.
    let metrics: NotifyMetrics
    /// Groups by route id, then by group labels.
    var groups: [String: [Labels: AggregationGroup]] = [:]
    /// Flushes in progress, so a group never flushes twice at once.
    var flushing: Set<GroupID> = []

    struct GroupID: Hashable { var routeID: String; var labels: Labels }

    /// Creates a dispatcher.
    /// - Parameters:
    ///   - route: the routing tree's root.
    ///   - integrations: receiver name → its integrations.
    ///   - inhibitor: inhibition rules' muter, fed with the dispatcher's alerts.
    ///   - muters: further muters (silences).
    ///   - log: the notification log dedup reads.
    ///   - delivery: where notifications go.
    ///   - clock: the time source.
    ///   - resolveTimeout: `global.resolve_timeout` (Alertmanager's default 5m).
    ///   - timeIntervals: the named intervals routes' `mute_time_intervals` and
    ///     `active_time_intervals` refer to.
    ///   - metrics: where time-muted flushes are counted.
    public init(
        route: Route, integrations: [String: [Integration]], inhibitor: Inhibitor?, muters: [any Muter],
        log: any NotificationLog, delivery: DeliveryQueue, clock: any NotifyClock,
        resolveTimeout: PromDuration = GlobalConfig().resolveTimeout, timeIntervals: TimeIntervals = TimeIntervals(),
        metrics: NotifyMetrics = NotifyMetrics()
    ) {
        self.resolveTimeout = resolveTimeout
        self.timeIntervals = timeIntervals
        self.metrics = metrics
        self.route = route
        self.integrationsByReceiver = integrations
        self.inhibitor = inhibitor
        self.muters = muters
        self.log = log
        self.delivery = delivery
        self.clock = clock
    }

    /// Inserts alerts (new or updated) into the groups of every route they match.
    /// - Parameters:
    ///   - alerts: alerts from the rule engine (firing with a future `endsAt`, or resolved).
    ///     One without `endsAt` resolves `resolve_timeout` after `now` unless updated, as
    ///     Alertmanager's API does; the rule engine's alerts always carry one.
    ///   - now: the time they arrive.
    public func receive(_ alerts: [Alert], at now: Timestamp) {
        for var alert in alerts {
            if alert.endsAt == nil { alert.endsAt = now + resolveTimeout }
            for matched in route.match(alert.labels) {
                let groupLabels = matched.groupLabels(for: alert.labels)
                // Mutate in place: copying a group per insert would make bulk inserts quadratic.
                groups[matched.id, default: [:]][
                    groupLabels,
                    default: AggregationGroup(
                        route: matched, key: GroupKey(routeKey: matched.key, groupLabels: groupLabels), createdAt: now)
                ].insert(alert, now: now)
            }
        }
    }

    /// The earliest time a group is due to flush; nil when there are no groups.
    public func nextDeadline() -> Timestamp? {
        groups.values.flatMap(\.values).map(\.nextFlush).min()
    }

    /// The keys and sizes of the current groups (for the API and tests).
    public func groupSummaries() -> [(key: GroupKey, alerts: Int, nextFlush: Timestamp)] {
        groups.values.flatMap(\.values).map { ($0.key, $0.count, $0.nextFlush) }.sorted { $0.key.description < $1.key.description }
    }

    /// Flushes every group whose timer is due at `now`.
    /// - Returns: how many groups flushed.
    @discardableResult
    public func flushDue(at now: Timestamp) async -> Int {
        var due: [(GroupID, AggregationGroup)] = []
        for (routeID, byLabels) in groups {
            for (labels, group) in byLabels where group.nextFlush <= now {
                let id = GroupID(routeID: routeID, labels: labels)
                guard !flushing.contains(id) else { continue }
                var started = group
                started.beginFlush(at: now)
                groups[routeID]?[labels] = started
                due.append((id, started))
            }
        }
        if due.isEmpty { return 0 }
        await inhibitor?.update(groups.values.flatMap(\.values).flatMap { $0.snapshot(at: now).map(\.alert) })
        for (id, group) in due.sorted(by: { $0.1.key.description < $1.1.key.description }) {
            flushing.insert(id)
            await flush(group, id: id, at: now)
            flushing.remove(id)
        }
        return due.count
    }

    /// Runs until cancelled: flushes due groups, then sleeps until the next deadline,
    /// at most `tick` (alerts inserted meanwhile may be due sooner).
    public func run(tick: Duration = .seconds(1)) async {
        while !Task.isCancelled {
            let now = clock.now()
            await flushDue(at: now)
            var wait = tick
            if let next = nextDeadline() {
                wait = min(wait, .milliseconds(max(0, (next - now).milliseconds)))
            }
            do { try await clock.sleep(for: max(wait, .milliseconds(1))) } catch { return }
        }
    }

    func muted(_ labelSets: [Labels], at now: Timestamp) async -> [Bool] {
        var result = [Bool](repeating: false, count: labelSets.count)
        let all: [any Muter] = (inhibitor.map { [$0] } ?? []) + muters
        for muter in all {
            for (index, isMuted) in await muter.mutes(labelSets, at: now).enumerated() where isMuted { result[index] = true }
        }
        return result
    }

    func logEntry(_ slot: OutboundNotification.Slot) async -> NotificationLogEntry? { await log.entry(for: slot) }
    func isPending(_ slot: OutboundNotification.Slot) async -> Bool { await delivery.isPending(slot) }
    func submit(_ n: OutboundNotification) async throws(NotifyError) { try await delivery.submit(n) }
    func recordWithoutSending(_ n: OutboundNotification) async throws(NotifyError) { try await delivery.recordWithoutSending(n) }
}
