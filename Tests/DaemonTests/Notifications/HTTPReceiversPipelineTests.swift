@testable import Daemon
import Foundation
import Model
import Notify
import NotifyTesting
import Testing
import TestSupport

/// The daemon's cycles feeding the new receivers through the outbox: a firing then resolved
/// alert creates then closes one OpsGenie alert (by the same alias) and sends two Telegram
/// messages, once per state.
@Suite(.serialized)
struct HTTPReceiversPipelineTests {
    func at(_ seconds: Int64) -> Timestamp { Timestamp(milliseconds: t0.milliseconds + seconds * 1000) }

    @Test func opsgenieAndTelegramOncePerState() async throws {
        let receiver = try LocalReceiver()
        defer { receiver.stop() }
        let extra = "\n      opsgenie_configs:\n        - {api_key: og-daemon-key, api_url: '\(receiver.url)/og/'}"
            + "\n      telegram_configs:\n        - {bot_token: '1:tgtoken', chat_id: -7, api_url: '\(receiver.url)/tg'}"
        let setup = try NotificationsWorkspace(receiver: receiver.url, hookURL: receiver.url + "/hook", extraIntegrations: extra)
        defer { setup.remove() }
        let clock = NotifyTesting.ManualClock(start: t0)
        let (scheduler, pipeline) = try await setup.start(clock: clock)

        await setup.cycle(scheduler, clock: clock, at: at(0))  // fires
        await setup.flush(pipeline, clock: clock, at: at(30))
        try setup.setUtilization(50)
        await setup.cycle(scheduler, clock: clock, at: at(60))  // resolves
        await setup.flush(pipeline, clock: clock, at: at(90))
        for step in 2...3 {
            await setup.cycle(scheduler, clock: clock, at: at(Int64(step) * 60))
            await setup.flush(pipeline, clock: clock, at: at(Int64(step) * 60 + 30))
        }

        let requests = try await receiver.requests()
        let opsgenie = requests.filter { $0.path.hasPrefix("/og/") }
        try #require(opsgenie.count == 2, "\(opsgenie.map(\.path))")
        #expect(opsgenie[0].path == "/og/v2/alerts" && opsgenie.allSatisfy { $0.headers["authorization"] == "GenieKey og-daemon-key" })
        let alias = try #require(
            (try JSONSerialization.jsonObject(with: Data(opsgenie[0].body.utf8)) as? [String: Any])?["alias"] as? String)
        #expect(opsgenie[1].path == "/og/v2/alerts/\(alias)/close?identifierType=alias")
        let telegram = requests.filter { $0.path == "/tg/bot1:tgtoken/sendMessage" }
        #expect(telegram.count == 2)
        let texts = try telegram.map { try #require((try JSONSerialization.jsonObject(with: Data($0.body.utf8)) as? [String: String])?["text"]) }
        #expect(texts.count == 2 && texts[0].contains("Alerts Firing:") && texts[1].contains("Alerts Resolved:"))
    }
}
