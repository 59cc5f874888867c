import Foundation
import HTTPClient
import Model
@testable import Notify
import Testing

/// Pushover messages API requests as Alertmanager 0.25 makes them, checked against the
/// API's documented parameters and limits (https://pushover.net/api).
@Suite struct PushoverPayloadTests {
    func notifier(_ configure: (inout PushoverConfig) -> Void = { _ in }) -> PushoverNotifier {
        var config = PushoverConfig(userKey: Secret("uQiRzpo4DXghDmr9QzzfQu27cmVRsG"), token: Secret("azGDORePK8gMaC0QOYAMyEEuzJnyUi"))
        configure(&config)
        return PushoverNotifier(config: config, context: Fixtures.context("po"))
    }

    /// The query's parameters in order, decoded.
    func parameters(_ url: String) throws -> [(String, String)] {
        let query = try #require(URLComponents(string: url)?.percentEncodedQuery)
        return query.split(separator: "&").map { part in
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            return (pair[0], pair.count > 1 ? pair[1] : "")
        }
    }

    @Test func everythingTravelsInTheSortedQuery() throws {
        let request = try notifier().request([Fixtures.diskFull], group: Fixtures.slackGroup)
        #expect(request.method == .post && request.contentType == "text/plain" && request.body.isEmpty)
        #expect(request.url.hasPrefix("https://api.pushover.net/1/messages.json?expire=3600&message="))
        let params = try parameters(request.url)
        #expect(params.map(\.0) == ["expire", "message", "priority", "retry", "sound", "title", "token", "url", "url_title", "user"])
        let value = Dictionary(params, uniquingKeysWith: { a, _ in a })
        #expect(value["token"] == "azGDORePK8gMaC0QOYAMyEEuzJnyUi" && value["user"] == "uQiRzpo4DXghDmr9QzzfQu27cmVRsG")
        #expect(value["title"] == "[FIRING:1] DiskFull (db1:9100 slack critical)")
        #expect(value["priority"] == "2" && value["retry"] == "60" && value["expire"] == "3600")
        #expect(value["url"] == "http://127.0.0.1:19093/#/alerts?receiver=po")
        #expect(value["sound"] == "" && value["url_title"] == "")
        // The default message, trimmed as 0.25 trims it.
        #expect(value["message"]?.hasPrefix("95% used Disk is full\n\nAlerts Firing:\nLabels:\n - alertname = DiskFull\n") == true)
        #expect(value["message"]?.hasSuffix("Source: http://prom:9090/graph?g0.expr=up") == true)
        // Spaces as `+`, as Go's QueryEscape writes them.
        #expect(request.url.contains("&title=%5BFIRING%3A1%5D+DiskFull+%28db1%3A9100+slack+critical%29&"))
    }

    @Test func resolvedHTMLAndEmptyMessage() throws {
        var alert = Fixtures.diskFull
        alert.endsAt = Fixtures.startsAt + PromDuration(seconds: 60)
        alert.annotations = Labels(["summary": "a<b"])
        let request = try notifier { $0.html = true; $0.retrySeconds = 90.9; $0.expireSeconds = 7200 }
            .request([alert], group: Fixtures.slackGroup)
        let value = Dictionary(try parameters(request.url), uniquingKeysWith: { a, _ in a })
        #expect(value["html"] == "1" && value["priority"] == "0" && value["retry"] == "90" && value["expire"] == "7200")
        #expect(value["message"]?.hasPrefix("a&lt;b\n\n\nAlerts Resolved:\n") == true)
        let empty = try notifier { $0.message = .literal("  ") }.request([Fixtures.diskFull], group: Fixtures.slackGroup)
        #expect(Dictionary(try parameters(empty.url), uniquingKeysWith: { a, _ in a })["message"] == "(no details)")
    }

    @Test func goDurations() {
        #expect(GoDuration.seconds("1h30m") == 5400)
        #expect(GoDuration.seconds("1.5m") == 90)
        #expect(GoDuration.seconds("250ms") == 0.25)
        #expect(GoDuration.seconds("0") == 0)
        #expect(GoDuration.seconds("30") == nil)
        #expect(GoDuration.seconds("1d") == nil)
        #expect(GoDuration.seconds("") == nil)
    }
}
