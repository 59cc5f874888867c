import Foundation
import HTTPClient
import Model
import Notify
import Testing

/// Telegram Bot API `sendMessage` requests as Alertmanager 0.25 (telebot v3) makes them,
/// checked against the Bot API's documented parameters (https://core.telegram.org/bots/api#sendmessage).
@Suite struct TelegramPayloadTests {
    static let token = "123456:AAbbCCddEEffGGhh"

    func notifier(_ configure: (inout TelegramConfig) -> Void = { _ in }) -> TelegramNotifier {
        var config = TelegramConfig(botToken: Secret(Self.token), chatID: -1001234567890)
        configure(&config)
        return TelegramNotifier(config: config, context: Fixtures.context("tg"))
    }

    @Test func sendMessageWithStringParameters() throws {
        let request = try notifier().request([Fixtures.diskFull], group: Fixtures.slackGroup)
        #expect(request.method == .post && request.contentType == "application/json")
        #expect(request.url == "https://api.telegram.org/bot\(Self.token)/sendMessage")
        // telebot posts a map[string]string: keys sorted, every value a string.
        #expect(request.body.hasPrefix(#"{"chat_id":"-1001234567890","disable_web_page_preview":"true","parse_mode":"HTML","text":""#))
        let body = try #require(JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: String])
        #expect(Set(body.keys) == ["chat_id", "disable_web_page_preview", "parse_mode", "text"])
        let text = try #require(body["text"])
        #expect(text.hasPrefix("\n\nAlerts Firing:\nLabels:\n - alertname = DiskFull\n"))
        #expect(!text.contains("Alerts Resolved"))
    }

    @Test func htmlParseModeEscapesValuesAndOthersDoNot() throws {
        var alert = Fixtures.diskFull
        alert.generatorURL = "http://prom:9090/graph?g0.expr=a+%3E+1&g0.tab=1"
        alert.annotations = Labels(["summary": "<b>full</b> & 'rising'"])
        let html = try #require(JSONSerialization.jsonObject(
            with: Data(try notifier().request([alert], group: Fixtures.slackGroup).body.utf8)) as? [String: String])
        #expect(html["text"]?.contains("Source: http://prom:9090/graph?g0.expr=a&#43;%3E&#43;1&amp;g0.tab=1\n") == true)
        #expect(html["text"]?.contains(" - summary = &lt;b&gt;full&lt;/b&gt; &amp; &#39;rising&#39;\n") == true)
        let markdown = try #require(JSONSerialization.jsonObject(
            with: Data(try notifier { $0.parseMode = "MarkdownV2" }.request([alert], group: Fixtures.slackGroup).body.utf8))
            as? [String: String])
        #expect(markdown["text"]?.contains("Source: http://prom:9090/graph?g0.expr=a+%3E+1&g0.tab=1\n") == true)
        #expect(markdown["parse_mode"] == "MarkdownV2")
    }

    @Test func silentEmptyParseModeAndTruncation() throws {
        let long = Alert(labels: Labels(["alertname": "Long"]), annotations: Labels(["d": String(repeating: "z", count: 5000)]),
                         startsAt: Fixtures.startsAt)
        let request = try notifier { $0.disableNotifications = true; $0.parseMode = ""; $0.message = .literal("") }
            .request([long], group: GroupKey(routeKey: "{}", groupLabels: long.labels))
        #expect(request.body == #"{"chat_id":"-1001234567890","disable_notification":"true","disable_web_page_preview":"true","text":""}"# + "\n")
        let full = try notifier().request([long], group: GroupKey(routeKey: "{}", groupLabels: long.labels))
        let text = try #require((JSONSerialization.jsonObject(with: Data(full.body.utf8)) as? [String: String])?["text"])
        #expect(text.unicodeScalars.count == 4096 && text.hasSuffix("z…"))
    }
}
