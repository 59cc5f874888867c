import Foundation
import HTTPClient
import Model
import Notify
import NotifyTesting
import Testing
import TestSupport

/// The same time intervals, built relative to now, in a real Alertmanager 0.25 and in
/// binwatch: both mute and activate the same routes on the real clock.
@Suite(.serialized, .enabled(if: AlertmanagerProcess.isInstalled, "prometheus-alertmanager is not installed: cross-check skipped"))
struct TimeIntervalAlertmanagerCrossCheckTests {
    /// Four routes, one per alertname: muted by an interval holding now / one that does not,
    /// active in an interval holding now / one that does not. `now` spans the current year
    /// in Asia/Tokyo give or take one, so the test never straddles its edge.
    static func config(hookURL: String, year: Int) -> String {
        let names = ["muted-now", "muted-later", "active-now", "active-later"]
        let routes = names.map { name -> String in
            let key = name.hasPrefix("muted") ? "mute_time_intervals" : "active_time_intervals"
            let interval = name.hasSuffix("now") ? "now" : "later"
            return "    - {matchers: ['alertname=\"\(name)\"'], receiver: \(name), \(key): [\(interval)]}"
        }
        return """
            route:
              receiver: other
              group_by: [alertname]
              group_wait: 1s
              group_interval: 1h
              routes:
            \(routes.joined(separator: "\n"))
            time_intervals:
              - name: now
                time_intervals: [{years: ['\(year - 1):\(year + 1)'], location: Asia/Tokyo, times: [{start_time: '00:00', end_time: '24:00'}]}]
              - name: later
                time_intervals: [{years: ['\(year + 2)'], location: Asia/Tokyo}]
            receivers:
              - name: other
            \(names.map { "  - {name: \($0), webhook_configs: [{url: '\(hookURL)/\($0)'}]}" }.joined(separator: "\n"))

            """
    }

    @Test func sameRoutesMutedAndActiveAsAlertmanager() async throws {
        let hook = try LocalReceiver()
        defer { hook.stop() }
        var tokyo = Calendar(identifier: .gregorian)
        tokyo.timeZone = try #require(TimeZone(identifier: "Asia/Tokyo"))
        let year = tokyo.component(.year, from: Date())
        let am = try await AlertmanagerProcess(config: Self.config(hookURL: hook.url + "/am", year: year))
        defer { am.stop() }

        let now = Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000))
        let alerts = ["muted-now", "muted-later", "active-now", "active-later"].map {
            Alert(labels: Labels(["alertname": $0]), startsAt: now, endsAt: now + PromDuration(seconds: 3600))
        }
        let forwarder = AlertmanagerNotifier(config: AlertmanagerConfig(targets: ["127.0.0.1:\(am.port)"]), transport: CurlHTTPClient())
        #expect(await forwarder.send(alerts).isEmpty)

        // Alertmanager's own clock: wait for the two sends and its debug lines for the two
        // muted flushes (TimeMuteStage, TimeActiveStage), all logged at the same flush.
        let logURL = am.directory.appendingPathComponent("am.log")
        func amLog() -> String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }
        var amPaths: Set<String> = []
        let settled = try await eventually {
            amPaths = Set(try await hook.requests().map(\.path))
            let log = amLog()
            return amPaths.count >= 2 && log.contains("route is within mute time") && log.contains("route is not within active time")
        }
        #expect(settled, "Alertmanager log: \(amLog().suffix(3000))")
        // Every flush has happened (group_interval 1h): what was sent is all that will be.
        amPaths = Set(try await hook.requests().map(\.path))
        #expect(amPaths == ["/am/muted-later", "/am/active-now"])

        // binwatch with the same config, flushed at the same real time.
        let config = try NotifyConfig.parse(yaml: Self.config(hookURL: hook.url + "/bw", year: year), file: "am.yml")
        let service = NotifyService(
            config: config, externalURL: "http://binwatch", transport: CurlHTTPClient(), outbox: InMemoryOutbox(),
            log: InMemoryNotificationLog(), silences: nil, clock: SystemNotifyClock())
        await service.dispatcher.receive(alerts, at: now)
        await service.dispatcher.flushDue(at: now + PromDuration(seconds: 1))
        await service.delivery.waitUntilIdle()
        let ours = Set(try await hook.requests().map(\.path).filter { $0.hasPrefix("/bw/") }.map { $0.dropFirst(4) })
        #expect(ours == Set(amPaths.map { $0.dropFirst(4) }))
        let muted = service.metrics.snapshot().timeMutedTotal
        #expect(muted[NotifyMetrics.TimeMuteKey(receiver: "muted-now", reason: .muteTimeInterval)] == 1)
        #expect(muted[NotifyMetrics.TimeMuteKey(receiver: "active-later", reason: .activeTimeInterval)] == 1)
        #expect(muted.count == 2)
    }
}
