import HTTPClient
import Model
import Notify
import NotifyTesting
import Synchronization
import Testing

/// The bound each delivery attempt's request carries, as libcurl is asked for it: the route's
/// group_interval but at least 10 s (Alertmanager's flush deadline), or `notification_timeout`.
@Suite struct NotificationDeadlineTests {
    /// Notes each request's timeouts, then sends it with libcurl to the real receiver.
    final class RecordingTimeouts: HTTPTransport {
        let seen = Mutex<[String: Duration]>([:])
        let curl = CurlHTTPClient()

        func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
            seen.withLock { $0[request.url] = request.timeout }
            #expect(request.connectTimeout == request.timeout, "the connection counts toward the same bound")
            return try await curl.send(request)
        }
    }

    static func deliver(override: String?) async throws -> [String: Duration] {
        let receiver = try LocalReceiver()
        defer { receiver.stop() }
        let yaml = """
            route:
              receiver: fast
              group_by: [alertname]
              group_wait: 1s
              group_interval: 1s
              routes:
                - {matchers: [team=db], receiver: slow, group_interval: 2m}
            receivers:
              - {name: fast, webhook_configs: [{url: '\(receiver.url)/fast'}]}
              - {name: slow, webhook_configs: [{url: '\(receiver.url)/slow'}]}
            \(override.map { "notification_timeout: \($0)" } ?? "")
            """
        let config = try NotifyConfig.parse(yaml: yaml, file: "deadline.yml")
        let clock = ManualClock(start: DispatchHarness.t0)
        let transport = RecordingTimeouts()
        let service = NotifyService(
            config: config, externalURL: "http://binwatch", transport: transport, outbox: InMemoryOutbox(),
            log: InMemoryNotificationLog(), silences: nil, clock: clock)
        let alerts = ["web", "db"].map { team in
            Alert(labels: Labels(["alertname": "A", "team": team]), startsAt: DispatchHarness.t0)
        }
        await service.dispatcher.receive(alerts, at: DispatchHarness.t0)
        clock.set(DispatchHarness.at(5))
        await service.dispatcher.flushDue(at: DispatchHarness.at(5))
        await service.delivery.waitUntilIdle()
        #expect(try await receiver.delivered("/fast").count == 1)
        #expect(try await receiver.delivered("/slow").count == 1)
        let seen = transport.seen.withLock { $0 }
        return Dictionary(uniqueKeysWithValues: seen.map { (String($0.key.split(separator: "/").last ?? ""), $0.value) })
    }

    @Test func eachRouteBoundsItsAttemptsByItsGroupIntervalAtLeastTenSeconds() async throws {
        #expect(try await Self.deliver(override: nil) == ["fast": .seconds(10), "slow": .seconds(120)])
    }

    @Test func notificationTimeoutReplacesTheBoundForEveryRoute() async throws {
        #expect(try await Self.deliver(override: "3s") == ["fast": .seconds(3), "slow": .seconds(3)])
    }
}
