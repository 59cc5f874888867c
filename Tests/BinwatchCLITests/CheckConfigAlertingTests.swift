import Foundation
import Testing

/// `binwatch check config` on an `alerting:` section as `amtool check-config` judges it:
/// `*_file` paths are not opened, and `http_config` keys amtool refuses are refused, in the
/// file's one error wording.
@Suite struct CheckConfigAlertingTests {
    func workspace(_ alerting: String) throws -> String {
        let dir = NSTemporaryDirectory() + "binwatch-checkam-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try alerting.write(toFile: dir + "/binwatch.yml", atomically: true, encoding: .utf8)
        return dir
    }

    @Test func secretFilesAreNotOpened() async throws {
        let dir = try workspace("""
            alerting:
              route: {receiver: pd}
              receivers:
                - name: pd
                  pagerduty_configs: [{routing_key_file: /nonexistent/pd.key}]
                  slack_configs: [{api_url_file: missing/slack.url}]
            """)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try await BinwatchProcess.run(["check", "config", dir + "/binwatch.yml"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            Checking \(dir)/binwatch.yml
              SUCCESS: 0 rule files (0 rules), 0 health checks
              SUCCESS: alerting: 1 receivers, 1 routes, 0 inhibit rules, 0 alertmanagers


            """, "\(result.stdout)")
    }

    @Test func httpConfigTimeoutsAreRefusedAsAmtoolRefusesThem() async throws {
        let dir = try workspace("""
            alerting:
              route: {receiver: hook}
              receivers:
                - name: hook
                  webhook_configs: [{url: '${HOOK_URL}', http_config: {timeout: 5s, connect_timeout: 2s}}]
            """)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try await BinwatchProcess.run(["check", "config", dir + "/binwatch.yml"], environment: ["HOOK_URL": "http://127.0.0.1:9/h"])
        #expect(result.status == 1)
        let keys = "one of the keys basic_auth, authorization, bearer_token, bearer_token_file, oauth2, tls_config, proxy_url, "
            + "follow_redirects, proxy_connect_header, enable_http2"
        #expect(result.stderr == """
              FAILED:
            \(dir)/binwatch.yml:5:60: alerting.receivers[0].webhook_configs[0].http_config.timeout: expected \(keys), found unknown key "timeout"
            \(dir)/binwatch.yml:5:73: alerting.receivers[0].webhook_configs[0].http_config.connect_timeout: expected \(keys), found unknown key "connect_timeout"

            """, "\(result.stderr)")
    }

    @Test func timeIntervalErrorsNameTheirPlaceAndAlertmanagersReason() async throws {
        let dir = try workspace("""
            alerting:
              route:
                receiver: r
                routes: [{receiver: r, mute_time_intervals: [office, night]}]
              time_intervals:
                - name: office
                  time_intervals: [{weekdays: ['friday:monday'], location: Europe/Atlantis}]
              receivers: [{name: r}]
            """)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try await BinwatchProcess.run(["check", "config", dir + "/binwatch.yml"])
        #expect(result.status == 1)
        #expect(result.stderr == """
              FAILED:
            \(dir)/binwatch.yml:7:36: alerting.time_intervals[0].time_intervals[0].weekdays[0]: expected a weekday or range such as monday:friday, found start day cannot be before end day
            \(dir)/binwatch.yml:7:64: alerting.time_intervals[0].time_intervals[0].location: expected a time zone of the system's tz database, such as Europe/Berlin, found unknown time zone Europe/Atlantis
            \(dir)/binwatch.yml:4:58: alerting.route.routes[0].mute_time_intervals[1]: expected a name defined under time_intervals or mute_time_intervals, found undefined time interval "night" used in route

            """, "\(result.stderr)")
    }
}
