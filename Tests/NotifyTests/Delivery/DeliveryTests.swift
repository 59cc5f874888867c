import Foundation
import HTTPClient
import Model
import Notify
import NotifyTesting
import Synchronization
import TestSupport
import Testing

/// End-to-end delivery through libcurl to a real HTTP receiver on 127.0.0.1.
@Suite(.serialized) struct DeliveryTests {
    static let routingKey = "0123456789abcdef0123456789abcdef"
    static let slackToken = "T000/B000/XXXXSECRETXXXX"

    final class Events: Sendable {
        let list = Mutex<[DeliveryQueue.Event]>([])
        func add(_ e: DeliveryQueue.Event) { list.withLock { $0.append(e) } }
        var errors: [NotifyError] {
            list.withLock { $0.compactMap { if case .failed(_, let e, _) = $0 { e } else { nil } } }
        }
    }

    struct System {
        let service: NotifyService
        let clock: ManualClock
        let events: Events
        let outbox: InMemoryOutbox

        func step(_ seconds: Int64) async {
            let t = DispatchHarness.at(seconds)
            clock.set(t)
            await service.dispatcher.flushDue(at: t)
            await service.delivery.waitUntilIdle()
        }
    }

    /// - Parameter notificationTimeout: `notification_timeout`; nil = the route's bound (5m here).
    static func system(baseURL: String, notificationTimeout: String? = nil) throws -> System {
        let yaml = """
            route:
              receiver: all
              group_by: [alertname]
              group_wait: 30s
              group_interval: 5m
            receivers:
              - name: all
                slack_configs: [{api_url: '${SLACK_URL}', channel: '#alerts', send_resolved: true}]
                pagerduty_configs: [{routing_key: '${PD_KEY}', url: '\(baseURL)/pd'}]
                webhook_configs: [{url: '${HOOK_URL}'}]
            \(notificationTimeout.map { "notification_timeout: \($0)" } ?? "")
            """
        let env = [
            "SLACK_URL": "\(baseURL)/services/\(slackToken)", "PD_KEY": routingKey, "HOOK_URL": "\(baseURL)/hook",
        ]
        let config = try NotifyConfig.parse(yaml: yaml, file: "binwatch.yml", environment: env)
        let clock = ManualClock(start: DispatchHarness.t0)
        let events = Events()
        let outbox = InMemoryOutbox()
        let service = NotifyService(
            config: config, externalURL: "http://binwatch:9464", transport: CurlHTTPClient(), outbox: outbox,
            log: InMemoryNotificationLog(), silences: Silences(), clock: clock, onEvent: { events.add($0) })
        return System(service: service, clock: clock, events: events, outbox: outbox)
    }

    static let alert = Alert(
        labels: Labels(["alertname": "CacheStale", "facility": "plant-1", "severity": "critical"]),
        annotations: Labels(["summary": "bin cache is stale"]), startsAt: DispatchHarness.t0,
        generatorURL: "http://binwatch:9464/graph?g0.expr=x")

    static func json(_ body: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    }

    @Test func firingThenResolvedReachesEveryReceiverOncePerState() async throws {
        let receiver = try LocalReceiver()
        let s = try Self.system(baseURL: receiver.url)
        await s.service.dispatcher.receive([Self.alert], at: DispatchHarness.t0)
        await s.step(30)
        var resolved = Self.alert
        resolved.endsAt = DispatchHarness.at(100)
        await s.service.dispatcher.receive([resolved], at: DispatchHarness.at(100))
        await s.step(330)
        await s.step(630)

        let slack = try await receiver.delivered("/services/\(Self.slackToken)")
        let pd = try await receiver.delivered("/pd")
        let hook = try await receiver.delivered("/hook")
        #expect(slack.count == 2 && pd.count == 2 && hook.count == 2)

        let slackFiring = try Self.json(try #require(slack.first).body)
        #expect(slackFiring["channel"] as? String == "#alerts")
        let attachment = try #require((slackFiring["attachments"] as? [[String: Any]])?.first)
        #expect(attachment["title"] as? String == "[FIRING:1] CacheStale (plant-1 critical)")
        #expect(attachment["title_link"] as? String == "http://binwatch:9464/#/alerts?receiver=all")
        #expect(attachment["color"] as? String == "danger")
        let slackResolved = try #require((try Self.json(slack[1].body)["attachments"] as? [[String: Any]])?.first)
        #expect(slackResolved["color"] as? String == "good")
        #expect(slackResolved["title"] as? String == "[RESOLVED] CacheStale (plant-1 critical)")
        #expect(slack[0].headers["content-type"] == "application/json")

        let pdTrigger = try Self.json(pd[0].body), pdResolve = try Self.json(pd[1].body)
        let dedup = GroupKey(routeKey: "{}", groupLabels: Labels(["alertname": "CacheStale"])).hash
        #expect(pdTrigger["event_action"] as? String == "trigger" && pdTrigger["dedup_key"] as? String == dedup)
        #expect(pdResolve["event_action"] as? String == "resolve" && pdResolve["dedup_key"] as? String == dedup)
        #expect(pdTrigger["routing_key"] as? String == Self.routingKey)

        let hookResolved = try Self.json(hook[1].body)
        #expect(hookResolved["status"] as? String == "resolved")
        let hookAlert = try #require((hookResolved["alerts"] as? [[String: Any]])?.first)
        #expect(hookAlert["endsAt"] as? String == RFC3339.nano(DispatchHarness.at(100)))
        #expect(await s.outbox.depth == 0)
        let m = s.service.metrics.snapshot()
        #expect(m.notificationsTotal[.init(integration: "pagerduty", receiver: "all")] == 2)
        #expect(m.failedTotal.isEmpty)
        #expect(m.outboxDepth == 0)
    }

    @Test func faultsThenRecoveryDeliverEachStateExactlyOnce() async throws {
        let receiver = try LocalReceiver()
        let s = try Self.system(baseURL: receiver.url, notificationTimeout: "2s")
        try await receiver.script("/hook", [
            .init(status: 500, body: "boom"), .init(status: 503),
            .init(status: 429, body: "slow down", headers: ["Retry-After": "3"]),
            .init(status: 200, delay: 6),  // hangs past the 2s notification_timeout
        ])
        try await receiver.script("/pd", [.init(status: 502), .init(status: 429, headers: ["Retry-After": "2"])])
        try await receiver.script("/services/\(Self.slackToken)", [.init(status: 500, body: "rollup_error")])
        await s.service.dispatcher.receive([Self.alert], at: DispatchHarness.t0)
        await s.step(30)
        #expect(try await receiver.delivered("/hook").count == 1)
        #expect(try await receiver.delivered("/pd").count == 1)
        #expect(try await receiver.delivered("/services/\(Self.slackToken)").count == 1)
        #expect(s.clock.sleeps.contains(.seconds(3)) && s.clock.sleeps.contains(.seconds(2)))
        let timeouts = s.events.errors.filter { $0.kind == .transport }
        #expect(!timeouts.isEmpty)

        // The resolve meets more failures and still arrives once.
        try await receiver.script("/hook", [.init(status: 500), .init(status: 500)])
        var resolved = Self.alert
        resolved.endsAt = DispatchHarness.at(100)
        await s.service.dispatcher.receive([resolved], at: DispatchHarness.at(100))
        await s.step(330)
        await s.step(630)
        let hook = try await receiver.delivered("/hook")
        #expect(hook.count == 2)
        #expect(try Self.json(hook[1].body)["status"] as? String == "resolved")
        #expect(try await receiver.delivered("/pd").count == 2)
        let m = s.service.metrics.snapshot()
        #expect(m.failedTotal[.init(integration: "webhook", receiver: "all", reason: "serverError")] == 4)
        #expect(m.failedTotal[.init(integration: "webhook", receiver: "all", reason: "clientError")] == 1)
        #expect(m.failedTotal[.init(integration: "webhook", receiver: "all", reason: "transport")] == 1)
    }

    @Test func refusedConnectionsThenReceiverStarts() async throws {
        // Held by the test, so nothing else takes it before the receiver starts on it.
        let reservation = try PortReservation()
        let port = reservation.port
        let s = try Self.system(baseURL: "http://127.0.0.1:\(port)")
        let started = Mutex<LocalReceiver?>(nil)
        s.clock.onSleep { count in
            // Three attempts per integration hit a closed port, then the receiver comes up.
            if count == 9 { started.withLock { $0 = try? LocalReceiver(port: port) } }
        }
        await s.service.dispatcher.receive([Self.alert], at: DispatchHarness.t0)
        await s.step(30)
        let receiver = try #require(started.withLock { $0 })
        #expect(try await receiver.delivered("/hook").count == 1)
        #expect(try await receiver.delivered("/pd").count == 1)
        #expect(try await receiver.delivered("/services/\(Self.slackToken)").count == 1)
        #expect(s.events.errors.contains { $0.kind == .transport && $0.isRetryable })
        receiver.stop()
        withExtendedLifetime(reservation) {}
    }

    @Test func slowReceiverDoesNotDelayOthers() async throws {
        let receiver = try LocalReceiver()
        let s = try Self.system(baseURL: receiver.url)
        // Slack answers after 6 s (within the route's 5m bound); PagerDuty and the webhook at once.
        try await receiver.script("/services/\(Self.slackToken)", [.init(status: 200, delay: 6)])
        let started = ContinuousClock.now
        let finished = Mutex<[String: Duration]>([:])
        let watcher = Task {
            while finished.withLock({ $0.count }) < 2 {
                for request in (try? await receiver.requests()) ?? [] where request.path == "/hook" || request.path == "/pd" {
                    finished.withLock { if $0[request.path] == nil { $0[request.path] = ContinuousClock.now - started } }
                }
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        await s.service.dispatcher.receive([Self.alert], at: DispatchHarness.t0)
        await s.step(30)
        let total = ContinuousClock.now - started
        try await watcher.value
        let times = finished.withLock { $0 }
        #expect(total >= .milliseconds(6000))
        // Before Slack answers (6 s): a serialised delivery would come after it.
        #expect((times["/hook"] ?? .seconds(99)) < .milliseconds(6000))
        #expect((times["/pd"] ?? .seconds(99)) < .milliseconds(6000))
        #expect(try await receiver.requests().filter { $0.path.hasPrefix("/services/") }.count == 1)
    }

    @Test func noSecretInAnyErrorText() async throws {
        let receiver = try LocalReceiver()
        let s = try Self.system(baseURL: receiver.url)
        // PagerDuty-style 400 echoing the routing key; Slack 403 naming the token path.
        try await receiver.script("/pd", [
            .init(status: 400, body: #"{"status":"invalid event","message":"bad key \#(Self.routingKey)"}"#)
        ])
        try await receiver.script("/services/\(Self.slackToken)", [.init(status: 403, body: "invalid_token /services/\(Self.slackToken)")])
        try await receiver.script("/hook", [.init(status: 404, body: "no such hook")])
        await s.service.dispatcher.receive([Self.alert], at: DispatchHarness.t0)
        await s.step(30)
        let errors = s.events.errors
        #expect(errors.count == 3)
        #expect(errors.allSatisfy { !$0.isRetryable })
        let text = errors.map { "\($0) \(String(reflecting: $0))" }.joined(separator: "\n")
        #expect(leakedSecrets(in: text, secrets: [
            Self.routingKey, "\(receiver.url)/services/\(Self.slackToken)", Self.slackToken, "\(receiver.url)/hook",
        ]).isEmpty)
        #expect(text.contains("400") && text.contains("403") && text.contains("404"))
    }

    @Test(arguments: RetryCodeTable.cases)
    func retryDecisionPerStatus(_ status: Int, _ retryable: Bool) async throws {
        let receiver = try LocalReceiver()
        try await receiver.script("/hook", [.init(status: status, body: "x")])
        try await receiver.script("/pd", [.init(status: status, body: "x")])
        try await receiver.script("/slack", [.init(status: status, body: "x")])
        let context = IntegrationContext(receiver: "r", externalURL: "http://x", transport: CurlHTTPClient())
        var pd = PagerDutyConfig(routingKey: Secret(Self.routingKey))
        pd.url = receiver.url + "/pd"
        let notifiers: [any Notifier] = [
            WebhookNotifier(config: WebhookConfig(url: Secret(receiver.url + "/hook")), context: context),
            PagerDutyNotifier(config: pd, context: context),
            SlackNotifier(config: SlackConfig(apiURL: Secret(receiver.url + "/slack")), context: context),
        ]
        for notifier in notifiers {
            do throws(NotifyError) {
                try await notifier.notify([Self.alert], group: GroupKey(routeKey: "{}", groupLabels: Labels()))
                #expect((200..<300).contains(status))
            } catch {
                #expect(!(200..<300).contains(status))
                #expect(error.isRetryable == retryable)
                #expect(error.statusCode == status)
            }
        }
    }
}
