import Model
import Notify
import NotifyTesting
import Testing

/// A dispatcher on a manual clock with two recording integrations on receiver `r`:
/// `slack[0]` (send_resolved false) and `webhook[0]` (send_resolved true).
struct DispatchHarness {
    static let t0 = Timestamp(milliseconds: 1_800_000_000_000)
    let clock = ManualClock(start: t0)
    let slack = RecordingNotifier()
    let hook = RecordingNotifier()
    let log: InMemoryNotificationLog
    let outbox: InMemoryOutbox
    let silences = Silences()
    let metrics = NotifyMetrics()
    let delivery: DeliveryQueue
    let dispatcher: Dispatcher

    /// - Parameter resolveTimeout: the endsAt given to alerts without one. The harness's
    ///   alerts stand for the rule engine's, which always carry a horizon, so by default
    ///   "no endsAt" means "firing until updated" (a year).
    init(
        _ routeYAML: String = "route: {receiver: r, group_by: [alertname]}", inhibit: String = "",
        log: InMemoryNotificationLog = InMemoryNotificationLog(), outbox: InMemoryOutbox = InMemoryOutbox(),
        resolveTimeout: PromDuration = PromDuration(seconds: 365 * 86_400)
    ) throws {
        let config = try NotifyConfig.parse(yaml: routeYAML + "\nreceivers: [{name: r}]\n" + inhibit, file: "t.yml")
        self.log = log
        self.outbox = outbox
        let integrations = ["r": [
            Integration(info: IntegrationInfo(name: "slack", index: 0, sendResolved: false), notifier: slack),
            Integration(info: IntegrationInfo(name: "webhook", index: 0, sendResolved: true), notifier: hook),
        ]]
        delivery = DeliveryQueue(
            outbox: outbox, log: log, integrations: integrations, policy: RetryPolicy(), clock: clock, metrics: metrics,
            logRetention: config.logRetention, random: { 0.5 })
        dispatcher = Dispatcher(
            route: config.route, integrations: integrations,
            inhibitor: config.inhibitRules.isEmpty ? nil : Inhibitor(rules: config.inhibitRules), muters: [silences],
            log: log, delivery: delivery, clock: clock, resolveTimeout: resolveTimeout,
            timeIntervals: config.timeIntervals, metrics: metrics)
    }

    static func at(_ seconds: Int64) -> Timestamp { t0 + PromDuration(seconds: seconds) }

    /// Sets the clock to `t0 + seconds`, flushes due groups and waits for delivery.
    func step(_ seconds: Int64) async {
        let t = Self.at(seconds)
        clock.set(t)
        await dispatcher.flushDue(at: t)
        await delivery.waitUntilIdle()
    }

    func receive(_ alerts: Alert..., atSecond s: Int64) async {
        await dispatcher.receive(alerts, at: Self.at(s))
    }

    static func alert(_ name: String, _ extra: [String: String] = [:], startsAt: Int64 = 0, endsAt: Int64? = nil) -> Alert {
        var labels = extra
        labels["alertname"] = name
        return Alert(labels: Labels(labels), startsAt: at(startsAt), endsAt: endsAt.map(at))
    }

    /// Each call as `firing/resolved` alertname lists.
    static func describe(_ calls: [RecordingNotifier.Call]) -> [String] {
        calls.map { call in
            call.alerts.map { "\($0.labels["alertname"] ?? "")\($0.labels["i"] ?? ""):\($0.endsAt == nil ? "F" : "R")" }
                .joined(separator: ",")
        }
    }
}

@Suite struct DispatcherTests {
    @Test func anAlertWithoutEndsAtResolvesAfterResolveTimeout() async throws {
        let config = try NotifyConfig.parse(yaml: "route: {receiver: r}\nreceivers: [{name: r}]", file: "t.yml")
        let h = try DispatchHarness(resolveTimeout: config.global.resolveTimeout)  // Alertmanager's 5m
        await h.receive(DispatchHarness.alert("A"), atSecond: 0)
        await h.step(30)
        #expect(DispatchHarness.describe(h.hook.calls) == ["A:F"])
        await h.step(330)  // endsAt = 0 + 5m has passed: resolved at the next group_interval tick
        #expect(DispatchHarness.describe(h.hook.calls) == ["A:F", "A:R"])
        #expect(h.hook.calls.last?.alerts.first?.endsAt == DispatchHarness.at(300))
    }

    @Test func groupWaitGroupIntervalResolveAndRepeat() async throws {
        let h = try DispatchHarness()
        await h.receive(DispatchHarness.alert("A", ["i": "1"]), atSecond: 0)
        await h.step(29)
        #expect(h.hook.calls.isEmpty)
        await h.step(30)  // group_wait 30s
        #expect(DispatchHarness.describe(h.hook.calls) == ["A1:F"])
        #expect(DispatchHarness.describe(h.slack.calls) == ["A1:F"])
        #expect(h.hook.calls[0].group.description == "{}:{alertname=\"A\"}")

        await h.receive(DispatchHarness.alert("A", ["i": "2"], startsAt: 60), atSecond: 60)
        await h.step(329)
        #expect(h.hook.calls.count == 1)
        await h.step(330)  // group_interval 5m after the first flush
        #expect(DispatchHarness.describe(h.hook.calls) == ["A1:F", "A1:F,A2:F"])
        #expect(h.slack.calls.count == 2)
        await h.step(630)  // nothing changed
        #expect(h.hook.calls.count == 2)

        await h.receive(DispatchHarness.alert("A", ["i": "1"], endsAt: 720), atSecond: 720)
        await h.step(930)  // resolve goes out at the next tick, not at once
        #expect(DispatchHarness.describe(h.hook.calls).last == "A1:R,A2:F")
        #expect(h.slack.calls.count == 2)  // slack: send_resolved false and nothing new firing
        await h.step(1230)
        #expect(h.hook.calls.count == 3)
        #expect(await h.dispatcher.groupSummaries().first?.alerts == 1)  // resolved A1 left the group

        // repeat_interval 4h, checked only at group_interval ticks (30s + 5m·k).
        var slackRepeats: [Int64] = [], hookRepeats: [Int64] = []
        for k in Int64(5)...100 {
            let t = 30 + 300 * k
            let (s, w) = (h.slack.calls.count, h.hook.calls.count)
            await h.step(t)
            if h.slack.calls.count > s { slackRepeats.append(t) }
            if h.hook.calls.count > w { hookRepeats.append(t) }
        }
        // Last sends: slack at 330, webhook at 930; due once the entry is older than 4h.
        let slackExpected: [Int64] = [15_030, 29_730]  // 330 + 4h + 5m, then again 4h5m later
        let hookExpected: [Int64] = [15_630]  // 930 + 4h + 5m
        #expect(slackRepeats == slackExpected)
        #expect(hookRepeats == hookExpected)
        #expect(DispatchHarness.describe(h.hook.calls).last == "A2:F")
    }

    @Test func runLoopFlushesOnTheInjectedClock() async throws {
        let h = try DispatchHarness()
        await h.receive(DispatchHarness.alert("A"), atSecond: 0)
        let stopAt = DispatchHarness.at(400)
        let loop = Task { await h.dispatcher.run(tick: .seconds(7)) }
        h.clock.onSleep { _ in if h.clock.now() >= stopAt { loop.cancel() } }
        await loop.value
        await h.delivery.waitUntilIdle()
        #expect(h.hook.calls.count == 1)
        // Sleeps are capped by the next deadline, so flushes land exactly on 30s and 330s
        // and the next one is due at 630s.
        #expect(await h.dispatcher.groupSummaries().first?.nextFlush == DispatchHarness.at(630))
        #expect(h.clock.sleeps.allSatisfy { $0 <= .seconds(7) })
    }

    @Test func oldAlertFlushesImmediatelyAfterRestart() async throws {
        let h = try DispatchHarness()
        await h.receive(DispatchHarness.alert("Old", startsAt: -3600), atSecond: 0)
        await h.step(0)
        #expect(h.hook.calls.count == 1)
    }

    @Test func firedAndResolvedBetweenFlushesSendsNothing() async throws {
        let h = try DispatchHarness()
        await h.receive(DispatchHarness.alert("Blip", endsAt: 10), atSecond: 0)
        await h.step(30)
        #expect(h.hook.calls.isEmpty && h.slack.calls.isEmpty)
        #expect(await h.dispatcher.groupSummaries().isEmpty)
    }

    @Test func allResolvedWithoutSendResolvedRecordsButDoesNotSend() async throws {
        let h = try DispatchHarness()
        await h.receive(DispatchHarness.alert("A"), atSecond: 0)
        await h.step(30)
        await h.receive(DispatchHarness.alert("A", endsAt: 100), atSecond: 100)
        await h.step(330)
        #expect(DispatchHarness.describe(h.slack.calls) == ["A:F"])
        #expect(DispatchHarness.describe(h.hook.calls) == ["A:F", "A:R"])
        await h.step(630)
        #expect(await h.dispatcher.groupSummaries().isEmpty)
        #expect(h.hook.calls.count == 2 && h.slack.calls.count == 1)
    }

    @Test func groupByAllAndEmptyGroupBy() async throws {
        let all = try DispatchHarness("route: {receiver: r, group_by: ['...']}")
        await all.receive(DispatchHarness.alert("A", ["x": "1"]), DispatchHarness.alert("A", ["x": "2"]), atSecond: 0)
        await all.step(30)
        #expect(all.hook.calls.count == 2)
        let none = try DispatchHarness("route: {receiver: r, group_by: []}")
        await none.receive(DispatchHarness.alert("A"), DispatchHarness.alert("B"), atSecond: 0)
        await none.step(30)
        #expect(DispatchHarness.describe(none.hook.calls) == ["A:F,B:F"])
        #expect(none.hook.calls[0].group.description == "{}:{}")
    }

    @Test func inhibitionMutesTargetsWhileSourceFires() async throws {
        let h = try DispatchHarness(
            "route: {receiver: r, group_by: [alertname, severity]}",
            inhibit: "inhibit_rules: [{source_matchers: [severity=critical], target_matchers: [severity=warning], equal: [zone]}]")
        await h.receive(
            DispatchHarness.alert("Crit", ["severity": "critical", "zone": "a"]),
            DispatchHarness.alert("Warn", ["severity": "warning", "zone": "a"]),
            DispatchHarness.alert("Warn", ["severity": "warning", "zone": "b"]),
            atSecond: 0)
        await h.step(30)
        let sent = h.hook.calls.flatMap(\.alerts).map { "\($0.labels["alertname"]!)-\($0.labels["zone"]!)" }.sorted()
        #expect(sent == ["Crit-a", "Warn-b"])
        // The source resolves: the target is no longer inhibited.
        await h.receive(DispatchHarness.alert("Crit", ["severity": "critical", "zone": "a"], endsAt: 60), atSecond: 60)
        await h.step(330)
        let later = h.hook.calls.dropFirst(2).flatMap(\.alerts).map { "\($0.labels["alertname"]!)-\($0.labels["zone"]!)" }.sorted()
        #expect(later.contains("Warn-a"))
    }

    @Test func silencedAlertsSendNothingNotEvenResolve() async throws {
        let h = try DispatchHarness()
        await h.silences.upsert(Silence(
            id: "s1", matchers: [try Matcher(.equal, "alertname", "Quiet")], startsAt: DispatchHarness.at(0),
            endsAt: DispatchHarness.at(400)))
        await h.receive(DispatchHarness.alert("Quiet"), DispatchHarness.alert("Loud"), atSecond: 0)
        await h.step(30)
        #expect(DispatchHarness.describe(h.hook.calls) == ["Loud:F"])
        await h.step(330)
        #expect(h.hook.calls.count == 1)
        await h.step(630)  // silence ended at 400
        #expect(DispatchHarness.describe(h.hook.calls).last == "Quiet:F")
        // Silenced again, then resolved: no resolve goes out.
        await h.silences.upsert(Silence(
            id: "s2", matchers: [try Matcher(.equal, "alertname", "Quiet")], startsAt: DispatchHarness.at(640),
            endsAt: DispatchHarness.at(99_999)))
        await h.receive(DispatchHarness.alert("Quiet", endsAt: 700), atSecond: 700)
        await h.step(930)
        #expect(h.hook.calls.count == 2)
        #expect(await h.silences.expire(id: "s2", at: DispatchHarness.at(950)))
    }

    @Test func restartDoesNotResendDeliveredNotifications() async throws {
        let log = InMemoryNotificationLog()
        let first = try DispatchHarness(log: log)
        await first.receive(DispatchHarness.alert("A"), atSecond: 0)
        await first.step(30)
        #expect(first.hook.calls.count == 1)
        // A new process with the same durable log; the rule engine resends the alert.
        let second = try DispatchHarness(log: log)
        await second.receive(DispatchHarness.alert("A"), atSecond: 60)
        await second.step(60)  // old startsAt: flushes at once
        #expect(second.hook.calls.isEmpty && second.slack.calls.isEmpty)
        await second.receive(DispatchHarness.alert("A", endsAt: 100), atSecond: 100)
        await second.step(360)
        #expect(DispatchHarness.describe(second.hook.calls) == ["A:R"])
    }

    @Test func pendingOutboxIsDeliveredAfterRestart() async throws {
        let outbox = InMemoryOutbox()
        let log = InMemoryNotificationLog()
        let first = try DispatchHarness(log: log, outbox: outbox)
        await first.delivery.cancelAll()
        // Simulate a crash between the outbox write and the send: the entry is written, no task ran.
        let alert = DispatchHarness.alert("A")
        let group = GroupKey(routeKey: "{}", groupLabels: Labels(["alertname": "A"]))
        try await outbox.put(OutboundNotification(
            slot: .init(groupKey: group.description, receiver: "r", integration: "webhook[0]"), group: group,
            alerts: [alert], firing: [alert.fingerprint], resolved: [], createdAt: DispatchHarness.at(30)))
        let second = try DispatchHarness(log: log, outbox: outbox)
        await second.delivery.resume()
        await second.delivery.waitUntilIdle()
        #expect(DispatchHarness.describe(second.hook.calls) == ["A:F"])
        #expect(await outbox.depth == 0)
        // And the dispatcher does not send it again.
        await second.receive(alert, atSecond: 40)
        await second.step(40)
        #expect(second.hook.calls.count == 1)
    }

    @Test func retryableFailuresBackOffThenDeliverOnce() async throws {
        let h = try DispatchHarness()
        h.hook.failNext([
            NotifyError(kind: .status, message: "500", statusCode: 500, isRetryable: true),
            NotifyError(kind: .transport, message: "refused"),
            NotifyError(kind: .status, message: "429", statusCode: 429, retryAfter: .seconds(7), isRetryable: true),
        ])
        await h.receive(DispatchHarness.alert("A"), atSecond: 0)
        await h.step(30)
        #expect(h.hook.calls.count == 4)
        // random 0.5 = no jitter: 500ms, 750ms, then Retry-After 7s wins over 1125ms.
        #expect(h.clock.sleeps == [.milliseconds(500), .milliseconds(750), .seconds(7)])
        let m = h.metrics.snapshot()
        #expect(m.notificationsTotal[.init(integration: "webhook", receiver: "r")] == 4)
        #expect(m.failedTotal[.init(integration: "webhook", receiver: "r", reason: "serverError")] == 1)
        #expect(m.failedTotal[.init(integration: "webhook", receiver: "r", reason: "clientError")] == 1)
        #expect(m.failedTotal[.init(integration: "webhook", receiver: "r", reason: "transport")] == 1)
        #expect(m.latencyCount == 5)  // every attempt: 4 webhook + 1 slack
    }

    @Test func nonRetryableFailureIsResentAtNextGroupInterval() async throws {
        let h = try DispatchHarness()
        h.hook.failNext([NotifyError(kind: .status, message: "400", statusCode: 400, isRetryable: false)])
        await h.receive(DispatchHarness.alert("A"), atSecond: 0)
        await h.step(30)
        #expect(h.hook.calls.count == 1)
        #expect(h.clock.sleeps.isEmpty)
        await h.step(330)
        #expect(h.hook.calls.count == 2)
        await h.step(630)
        #expect(h.hook.calls.count == 2)
    }
}
