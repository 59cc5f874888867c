@testable import Daemon
import Exposition
import Foundation
import Model
import Notify
import NotifyTesting
import Testing
import TestSupport

/// The daemon's cycles feeding Notify: a firing then resolved alert reaches local Slack,
/// PagerDuty and webhook receivers once per state; a restart resumes the outbox and does not
/// resend what the log holds; a silence written to the state file mutes.
@Suite(.serialized)
struct NotificationPipelineTests {
    func json(_ request: LocalReceiver.Request) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])
    }

    func at(_ seconds: Int64) -> Timestamp { Timestamp(milliseconds: t0.milliseconds + seconds * 1000) }

    @Test func firingThenResolvedReachesEveryReceiverOncePerState() async throws {
        let receiver = try LocalReceiver()
        defer { receiver.stop() }
        let setup = try NotificationsWorkspace(receiver: receiver.url, hookURL: receiver.url + "/hook")
        defer { setup.remove() }
        let clock = NotifyTesting.ManualClock(start: t0)
        let (scheduler, pipeline) = try await setup.start(clock: clock)

        await setup.cycle(scheduler, clock: clock, at: at(0))  // fires (no `for`)
        await setup.flush(pipeline, clock: clock, at: at(29))
        #expect(try await receiver.requests().isEmpty, "group_wait 30s not over")
        await setup.flush(pipeline, clock: clock, at: at(30))
        try setup.setUtilization(50)
        await setup.cycle(scheduler, clock: clock, at: at(60))  // resolves
        await setup.flush(pipeline, clock: clock, at: at(90))  // group_interval after the first flush
        // Later cycles resend the resolved alert (resend_delay) and later flushes find
        // nothing new in the log: no further request.
        for step in 2...5 {
            await setup.cycle(scheduler, clock: clock, at: at(Int64(step) * 60))
            await setup.flush(pipeline, clock: clock, at: at(Int64(step) * 60 + 30))
        }

        let slack = try await receiver.delivered("/slack")
        let pagerduty = try await receiver.delivered("/pagerduty")
        let hook = try await receiver.delivered("/hook")
        try #require(slack.count == 2 && pagerduty.count == 2 && hook.count == 2, "one firing and one resolved each")
        #expect(try await receiver.requests().count == 6)

        let slackColors = try slack.map { try json($0)["attachments"] as? [[String: Any]] }.map { $0?.first?["color"] as? String }
        #expect(slackColors == ["danger", "good"])
        #expect(try json(slack[0])["channel"] as? String == "#ops")

        let events = try pagerduty.map { try json($0) }
        #expect(events.map { $0["event_action"] as? String } == ["trigger", "resolve"])
        #expect(events.map { $0["routing_key"] as? String } == [NotificationsWorkspace.routingKey, NotificationsWorkspace.routingKey])
        let dedup = events.compactMap { $0["dedup_key"] as? String }
        #expect(dedup.count == 2 && dedup[0] == dedup[1], "one incident, resolved by the same dedup key")

        let hooks = try hook.map { try json($0) }
        #expect(hooks.map { $0["status"] as? String } == ["firing", "resolved"])
        let alerts = try hooks.map { try #require(($0["alerts"] as? [[String: Any]])?.first) }
        let labels = alerts[0]["labels"] as? [String: String]
        #expect(labels == ["alertname": "BinFull", "bin": "A1", "severity": "page", "site": "dc1"])
        #expect((alerts[0]["annotations"] as? [String: String])?["summary"] == "bin A1 at 95%")
        #expect(alerts[0]["generatorURL"] as? String == "http://binwatch.test/graph?g0.expr=bin_util+%3E+90&g0.tab=1")
        #expect(alerts[0]["startsAt"] as? String == "2023-11-14T22:13:20Z")
        #expect(alerts[0]["endsAt"] as? String == "0001-01-01T00:00:00Z", "firing: Go's zero time")
        #expect(alerts[1]["endsAt"] as? String == "2023-11-14T22:14:20Z", "resolved at the evaluation that cleared it")

        // Self metrics: on /metrics and in the textfile.
        let metrics = await scheduler.metricsText()
        for integration in ["slack", "pagerduty", "webhook"] {
            #expect(metrics.contains("binwatch_notifications_total{integration=\"\(integration)\",receiver=\"ops\"} 2"), "\(integration)")
        }
        #expect(metrics.contains("binwatch_notification_latency_seconds_count 6"))
        #expect(metrics.contains("binwatch_notification_outbox_depth 0"))
        let textfile = try String(contentsOfFile: setup.workspace.path("out.prom"), encoding: .utf8)
        #expect(textfile.contains("binwatch_notifications_total{integration=\"webhook\",receiver=\"ops\"} 2"))
        #expect(!textfile.contains(NotificationsWorkspace.routingKey) && !metrics.contains(NotificationsWorkspace.routingKey))
    }

    @Test func restartResumesTheOutboxAndDoesNotResendDelivered() async throws {
        let receiver = try LocalReceiver()
        defer { receiver.stop() }
        // Held by the test: refused until the second run's receiver starts on it, and never
        // handed to anyone else meanwhile.
        let hookReservation = try PortReservation()
        let hookPort = hookReservation.port
        defer { withExtendedLifetime(hookReservation) {} }
        let setup = try NotificationsWorkspace(receiver: receiver.url, hookURL: "http://127.0.0.1:\(hookPort)/hook")
        defer { setup.remove() }

        // First run: Slack and PagerDuty answer; the webhook's port refuses connections, so
        // its notification stays in the outbox, retrying, when the process "dies".
        let clock1 = NotifyTesting.ManualClock(start: t0)
        clock1.onSleep { _ in try? await Task.sleep(for: .seconds(3600)) }  // park the retry
        let (scheduler1, pipeline1) = try await setup.start(clock: clock1)
        await setup.cycle(scheduler1, clock: clock1, at: at(0))
        clock1.set(at(30))
        await pipeline1.service.dispatcher.flushDue(at: at(30))
        try await waitUntil {
            let pagerduty = try await receiver.delivered("/pagerduty").count
            let slack = try await receiver.delivered("/slack").count
            return pagerduty == 1 && slack == 1
        }
        try await waitUntil { pipeline1.metricFamilies().contains { $0.name == "binwatch_notifications_failed_total" } }
        await pipeline1.service.delivery.cancelAll()  // the kill: nothing more from this process
        let stored = try NotifyStateDatabase(path: setup.workspace.path("state.sqlite"))
        #expect(await stored.outbox.all().map(\.slot.integration) == ["webhook[0]"])

        // Second run on the same state file, the webhook receiver now up.
        let hook = try LocalReceiver(port: hookPort)
        defer { hook.stop() }
        let clock2 = NotifyTesting.ManualClock(start: at(100))
        let (scheduler2, pipeline2) = try await setup.start(clock: clock2)
        await pipeline2.service.delivery.resume()
        await pipeline2.service.delivery.waitUntilIdle()
        #expect(try await hook.delivered("/hook").count == 1, "the outbox's notification delivered after the restart")
        #expect(await stored.outbox.all().isEmpty)

        // The alert keeps firing; the new dispatcher's groups flush, but the log says this
        // firing set was delivered within repeat_interval: nothing is sent again.
        for step in 2...4 {
            await setup.cycle(scheduler2, clock: clock2, at: at(Int64(step) * 60))
            await setup.flush(pipeline2, clock: clock2, at: at(Int64(step) * 60 + 30))
        }
        #expect(try await receiver.delivered("/slack").count == 1)
        #expect(try await receiver.delivered("/pagerduty").count == 1)
        #expect(try await hook.requests().count == 1)
        let hookBody = try json(try #require(try await hook.delivered("/hook").first))
        #expect(hookBody["status"] as? String == "firing")
    }

    @Test func aSilenceInTheStateFileMutesUntilExpired() async throws {
        let receiver = try LocalReceiver()
        defer { receiver.stop() }
        let setup = try NotificationsWorkspace(receiver: receiver.url, hookURL: receiver.url + "/hook")
        defer { setup.remove() }
        let clock = NotifyTesting.ManualClock(start: t0)
        let (scheduler, pipeline) = try await setup.start(clock: clock)
        // What `binwatch silence add alertname=BinFull` writes (another connection to the file).
        let silences = try NotifyStateDatabase(path: setup.workspace.path("state.sqlite")).silences
        try silences.save(Notify.Silence(
            id: "maint", matchers: [try Matcher(.equal, "alertname", "BinFull")], startsAt: at(-10), endsAt: at(3600),
            createdBy: "ops", comment: "bin A1 under maintenance"))

        await setup.cycle(scheduler, clock: clock, at: at(0))
        await setup.flush(pipeline, clock: clock, at: at(30))
        #expect(try await receiver.requests().isEmpty, "silenced")

        #expect(try silences.expire(id: "maint", at: at(70)))  // `binwatch silence expire maint`
        await setup.cycle(scheduler, clock: clock, at: at(60))
        await setup.flush(pipeline, clock: clock, at: at(90))
        #expect(try await receiver.delivered("/slack").count == 1, "the daemon re-reads silences at each flush")
        #expect(try await receiver.delivered("/hook").count == 1)
    }

    @Test func aReloadSwitchesReceiversWithoutResendingDelivered() async throws {
        let receiver = try LocalReceiver()
        defer { receiver.stop() }
        let setup = try NotificationsWorkspace(receiver: receiver.url, hookURL: receiver.url + "/hook")
        defer { setup.remove() }
        let clock = NotifyTesting.ManualClock(start: t0)
        let (scheduler, pipeline) = try await setup.start(clock: clock)
        await setup.cycle(scheduler, clock: clock, at: at(0))
        await setup.flush(pipeline, clock: clock, at: at(30))
        let before = pipeline.service.dispatcher

        let path = setup.workspace.path("binwatch.yml")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "'#ops'", with: "'#ops-reloaded'").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(await scheduler.reload(using: ConfigLoader(environment: setup.environment)) == nil)
        #expect(pipeline.service.dispatcher !== before, "a new dispatcher")

        for step in 1...2 {  // still firing: the new dispatcher's group finds the delivery in the log
            await setup.cycle(scheduler, clock: clock, at: at(Int64(step) * 60))
            await setup.flush(pipeline, clock: clock, at: at(Int64(step) * 60 + 30))
        }
        try setup.setUtilization(50)
        await setup.cycle(scheduler, clock: clock, at: at(180))
        await setup.flush(pipeline, clock: clock, at: at(210))
        let channels = try await receiver.delivered("/slack").map { try json($0)["channel"] as? String }
        #expect(channels == ["#ops", "#ops-reloaded"])
        #expect(try await receiver.delivered("/hook").count == 2)
    }

    /// Polls `condition` (a real receiver answers asynchronously; see `eventually`).
    func waitUntil(_ condition: () async throws -> Bool) async throws {
        if try await !eventually(every: .milliseconds(10), condition) {
            Issue.record("condition not met within \(pollingDeadline)")
        }
    }
}
