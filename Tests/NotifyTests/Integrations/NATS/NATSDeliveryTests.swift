import Foundation
import HTTPClient
import Model
import NATSClient
import Notify
import NotifyTesting
import Synchronization
import TestSupport
import Testing

/// `nats_configs` against a real nats-server 2.9 on loopback: what a subscriber receives,
/// authentication, JetStream acknowledgements and de-duplication, and an outage the
/// delivery queue rides out.
@Suite(.enabled(if: NATSServerProcess.isInstalled, "needs Debian's nats-server (scripts/setup.sh installs it)"))
struct NATSDeliveryTests {
    static let subject = "agog.alerts.binwatch"
    static let alert = Alert(
        labels: Labels(["alertname": "BinCacheStale", "facility": "plant-1", "severity": "critical"]),
        annotations: Labels(["summary": "bin utilization cache is stale"]),
        startsAt: Timestamp(milliseconds: 1_795_432_960_000),  // 2026-11-23T11:22:40Z
        generatorURL: "http://binwatch:9464/graph?g0.expr=bin_utilization_cache_age_seconds")
    static let group = GroupKey(routeKey: "{}", groupLabels: Labels(["alertname": "BinCacheStale"]))

    static var resolved: Alert {
        var alert = Self.alert
        alert.endsAt = Timestamp(milliseconds: 1_795_433_260_000)  // 5 minutes later
        return alert
    }

    /// An `alerting:` section with one receiver, `bus`, publishing to `subject` on `server`.
    static func yaml(_ server: NATSServerProcess, _ extra: [String] = []) -> String {
        let lines = [
            "route: {receiver: bus, group_by: [alertname], group_wait: 30s, group_interval: 5m}",
            "receivers:",
            "  - name: bus",
            "    nats_configs:",
            "      - url: \(server.server)",
            "        subject: \(subject)",
        ] + extra.map { "        " + $0 }
        return lines.joined(separator: "\n")
    }

    static func notifier(_ yaml: String, environment: [String: String] = [:]) throws -> NATSNotifier {
        let config = try NotifyConfig.parse(yaml: yaml, file: "am.yml", environment: environment)
        let integrations = config.integrations(externalURL: "http://binwatch:9464", transport: CurlHTTPClient())
        let integration = try #require(integrations["bus"]?.first)
        return try #require(integration.notifier as? NATSNotifier)
    }

    static func json(_ message: NATSMessage) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(message.payload)) as? [String: Any])
    }

    @Test func eachNotificationArrivesOnceAsWebhookJSON() async throws {
        let server = try await NATSServerProcess()
        defer { server.stop() }
        let subscriber = try await NATSSubscriber(server, subject: "agog.alerts.>")
        let notifier = try Self.notifier(Self.yaml(server))
        try await notifier.notify([Self.alert], group: Self.group)
        try await notifier.notify([Self.resolved], group: Self.group)

        let messages = try await subscriber.messages()
        #expect(messages.map(\.subject) == [Self.subject, Self.subject])
        #expect(messages.map(\.text) == [
            notifier.body([Self.alert], group: Self.group), notifier.body([Self.resolved], group: Self.group),
        ])
        let ids = messages.map { $0.header("Nats-Msg-Id") }
        #expect(ids == [notifier.messageID([Self.alert], group: Self.group), notifier.messageID([Self.resolved], group: Self.group)])
        #expect(Set(ids).count == 2)
        try #require(messages.count == 2)

        let firing = try Self.json(messages[0])
        #expect(firing["receiver"] as? String == "bus")
        #expect(firing["status"] as? String == "firing")
        #expect(firing["version"] as? String == "4")
        #expect(firing["groupKey"] as? String == #"{}:{alertname="BinCacheStale"}"#)
        #expect(firing["externalURL"] as? String == "http://binwatch:9464")
        #expect(firing["groupLabels"] as? [String: String] == ["alertname": "BinCacheStale"])
        #expect(firing["truncatedAlerts"] as? Int == 0)
        let alert = try #require((firing["alerts"] as? [[String: Any]])?.first)
        #expect(alert["labels"] as? [String: String] == ["alertname": "BinCacheStale", "facility": "plant-1", "severity": "critical"])
        #expect(alert["annotations"] as? [String: String] == ["summary": "bin utilization cache is stale"])
        #expect(alert["startsAt"] as? String == "2026-11-23T11:22:40Z")
        #expect(alert["endsAt"] as? String == "0001-01-01T00:00:00Z")
        let hex = String(Self.alert.fingerprint, radix: 16)
        #expect(alert["fingerprint"] as? String == String(repeating: "0", count: 16 - hex.count) + hex)
        let resolved = try Self.json(messages[1])
        #expect(resolved["status"] as? String == "resolved")
        #expect((resolved["alerts"] as? [[String: Any]])?.first?["endsAt"] as? String == "2026-11-23T11:27:40Z")
        // Nothing else came: a later round trip finds no straggler.
        #expect(try await subscriber.messages().count == 2)
    }

    @Test func userPasswordAndTokenAuthenticateAndWrongOnesAreRefused() async throws {
        let password = "nats-pass-7f3a9c", token = "nats-token-52d1e8", wrong = "not-the-password-91b"
        let byPassword = try await NATSServerProcess(user: "wms", password: password)
        defer { byPassword.stop() }
        let byToken = try await NATSServerProcess(token: token)
        defer { byToken.stop() }
        let passwordSubscriber = try await NATSSubscriber(byPassword, subject: Self.subject)
        let tokenSubscriber = try await NATSSubscriber(byToken, subject: Self.subject)
        let environment = ["NATS_PASSWORD": password, "NATS_TOKEN": token, "WRONG": wrong]
        try await Self.notifier(Self.yaml(byPassword, ["user: wms", "password: ${NATS_PASSWORD}"]), environment: environment)
            .notify([Self.alert], group: Self.group)
        try await Self.notifier(Self.yaml(byToken, ["token: ${NATS_TOKEN}"]), environment: environment)
            .notify([Self.alert], group: Self.group)
        #expect(try await passwordSubscriber.messages().count == 1)
        #expect(try await tokenSubscriber.messages().count == 1)

        let refused: [(NATSServerProcess, [String])] = [
            (byPassword, ["user: wms", "password: ${WRONG}"]), (byToken, ["token: ${WRONG}"]), (byPassword, []),
        ]
        for (server, extra) in refused {
            let notifier = try Self.notifier(Self.yaml(server, extra), environment: environment)
            do throws(NotifyError) {
                try await notifier.notify([Self.alert], group: Self.group)
                Issue.record("\(extra) was accepted")
            } catch {
                #expect(error.kind == .refused && !error.isRetryable && error.reason == "clientError")
                #expect(error.message == "NATS publish to \(Self.subject): \(server.server) answered -ERR 'Authorization Violation'")
                #expect(leakedSecrets(in: error.description, secrets: [password, token, wrong]).isEmpty)
            }
        }
        #expect(try await passwordSubscriber.messages().count == 1)
        #expect(try await tokenSubscriber.messages().count == 1)
    }

    /// `url` with several servers: each attempt tries them in order; when all are down the
    /// error is retryable and names each.
    @Test func serversAreTriedInOrder() async throws {
        let server = try await NATSServerProcess()
        defer { server.stop() }
        // Bound and not listening: connections to these ports are refused.
        let down = try PortReservation(), alsoDown = try PortReservation()
        let subscriber = try await NATSSubscriber(server, subject: Self.subject)
        let failover = Self.yaml(server).replacingOccurrences(
            of: "url: \(server.server)", with: "url: nats://127.0.0.1:\(down.port), \(server.server)")
        try await Self.notifier(failover).notify([Self.alert], group: Self.group)
        #expect(try await subscriber.messages().count == 1)

        let allDown = Self.yaml(server).replacingOccurrences(
            of: "url: \(server.server)", with: "url: [nats://127.0.0.1:\(down.port), nats://127.0.0.1:\(alsoDown.port)]")
        let unreachable = try Self.notifier(allDown)
        do throws(NotifyError) {
            try await unreachable.notify([Self.alert], group: Self.group)
            Issue.record("a publish with every server down succeeded")
        } catch {
            #expect(error.kind == .transport && error.isRetryable)
            #expect(error.message.contains("nats://127.0.0.1:\(down.port)") && error.message.contains("nats://127.0.0.1:\(alsoDown.port)"))
        }
        #expect(try await subscriber.messages().count == 1)
    }

    /// A publish the server refuses is answered with `-ERR` before the `PONG` of the `PING`
    /// that follows it: that is a failure, and not one retrying can cure.
    @Test func aPublishTheServerRefusesFailsWithoutRetry() async throws {
        let server = try await NATSServerProcess(
            user: "wms", password: "nats-pass-3c1d",
            configuration: """
                authorization {
                  users = [{user: wms, password: "nats-pass-3c1d", permissions: {publish: "other.>", subscribe: ">"}}]
                }
                """)
        defer { server.stop() }
        let subscriber = try await NATSSubscriber(server, subject: ">")
        let notifier = try Self.notifier(
            Self.yaml(server, ["user: wms", "password: ${NATS_PASSWORD}"]), environment: ["NATS_PASSWORD": "nats-pass-3c1d"])
        do throws(NotifyError) {
            try await notifier.notify([Self.alert], group: Self.group)
            Issue.record("a publish without permission succeeded")
        } catch {
            #expect(error.kind == .refused && !error.isRetryable)
            #expect(error.message.contains("-ERR 'Permissions Violation for Publish to \"\(Self.subject)\"'"), "\(error.message)")
            #expect(!error.description.contains("nats-pass-3c1d"))
        }
        #expect(try await subscriber.messages().isEmpty)
    }

    @Test func jetStreamAcknowledgesStoresOnceAndRetriesWithoutAStream() async throws {
        let server = try await NATSServerProcess(jetStream: true)
        defer { server.stop() }
        let notifier = try Self.notifier(Self.yaml(server, ["jetstream: true"]))
        // No stream holds the subject yet: 503 no responders, retryable (the stream may come).
        do throws(NotifyError) {
            try await notifier.notify([Self.alert], group: Self.group)
            Issue.record("a JetStream publish without a stream succeeded")
        } catch {
            #expect(error.isRetryable && error.statusCode == 503 && error.reason == "serverError")
        }
        try await server.createStream("ALERTS", subjects: ["agog.alerts.>"])
        try await notifier.notify([Self.alert], group: Self.group)
        #expect(try await server.streamMessageCount("ALERTS") == 1)
        // The same notification again, as the outbox resends it after a crash between the
        // publish and its removal: the stream keeps one copy.
        try await notifier.notify([Self.alert], group: Self.group)
        #expect(try await server.streamMessageCount("ALERTS") == 1)
        let resend = try await NATSExchange.request(
            Self.subject, headers: [NATSHeader(name: "Nats-Msg-Id", value: notifier.messageID([Self.alert], group: Self.group))],
            payload: Array(notifier.body([Self.alert], group: Self.group).utf8), servers: [server.server],
            options: server.options, timeout: pollingDeadline)
        #expect(try JetStreamPubAck.parse(resend) == JetStreamPubAck(stream: "ALERTS", sequence: 1, duplicate: true))
        // A new state is a new message.
        try await notifier.notify([Self.resolved], group: Self.group)
        #expect(try await server.streamMessageCount("ALERTS") == 2)
    }

    @Test func messageIDsFollowTheNotificationsState() throws {
        let notifier = NATSNotifier(
            config: NATSConfig(servers: [NATSServerURL(host: "127.0.0.1")], subject: Self.subject),
            context: IntegrationContext(receiver: "bus", externalURL: "http://binwatch:9464", transport: CurlHTTPClient()))
        let firing = notifier.messageID([Self.alert], group: Self.group)
        #expect(firing.count == 64 && firing == notifier.messageID([Self.alert], group: Self.group))
        #expect(notifier.messageID([Self.resolved], group: Self.group) != firing)
        var refired = Self.alert
        refired.startsAt = Timestamp(milliseconds: Self.alert.startsAt.milliseconds + 600_000)
        #expect(notifier.messageID([refired], group: Self.group) != firing)
        // Only the state counts: an annotation edit alone is no new notification.
        var edited = Self.alert
        edited.annotations = Labels(["summary": "reworded"])
        #expect(notifier.messageID([edited], group: Self.group) == firing)
    }

    @Test func outageThenRecoveryDeliversOnceThroughTheOutbox() async throws {
        let server = try await NATSServerProcess(jetStream: true)
        defer { server.stop() }
        try await server.createStream("ALERTS", subjects: ["agog.alerts.>"])
        await server.shutDown()

        let config = try NotifyConfig.parse(yaml: Self.yaml(server, ["jetstream: true"]), file: "am.yml")
        let clock = ManualClock(start: DispatchHarness.t0)
        let events = DeliveryTests.Events()
        let outbox = InMemoryOutbox()
        let service = NotifyService(
            config: config, externalURL: "http://binwatch:9464", transport: CurlHTTPClient(), outbox: outbox,
            log: InMemoryNotificationLog(), silences: nil, clock: clock, onEvent: { events.add($0) })
        clock.onSleep { sleeps in
            // The third failed attempt's backoff brings the server back, same port and storage.
            if sleeps == 3 { try? await server.start() }
            // Never spin for ever if it did not come back: the expectations below then fail.
            if sleeps >= 50 { await service.delivery.cancelAll() }
        }
        await service.dispatcher.receive([Self.alert], at: DispatchHarness.t0)
        clock.set(DispatchHarness.at(30))
        await service.dispatcher.flushDue(at: DispatchHarness.at(30))
        await service.delivery.waitUntilIdle()

        let failures = events.errors
        #expect(failures.count == 3)
        #expect(failures.allSatisfy { $0.isRetryable && $0.kind == .transport })
        #expect(await outbox.depth == 0)
        #expect(try await server.streamMessageCount("ALERTS") == 1)
        let delivered = events.list.withLock { list in
            list.compactMap { event -> Int? in
                if case .delivered(_, let attempts) = event { attempts } else { nil }
            }
        }
        #expect(delivered == [4])
        let metrics = service.metrics.snapshot()
        #expect(metrics.notificationsTotal[.init(integration: "nats", receiver: "bus")] == 4)
    }
}
