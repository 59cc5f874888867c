@testable import Daemon
import Exposition
import Foundation
import Model
import Notify
import NotifyTesting
import Testing
import TestSupport

/// A daemon whose only route is muted around the clock: the rule fires, nothing reaches
/// the receivers, and `/metrics` counts each muted flush.
@Suite(.serialized)
struct TimeMutedPipelineTests {
    func at(_ seconds: Int64) -> Timestamp { Timestamp(milliseconds: t0.milliseconds + seconds * 1000) }

    @Test func aMutedRouteSendsNothingAndIsCounted() async throws {
        let receiver = try LocalReceiver()
        defer { receiver.stop() }
        let setup = try NotificationsWorkspace(receiver: receiver.url, hookURL: receiver.url + "/hook")
        defer { setup.remove() }
        // The workspace's alerting section, with a child route for the rule's alert muted by
        // an interval that holds every minute of every day.
        let path = setup.workspace.path("binwatch.yml")
        let original = try String(contentsOfFile: path, encoding: .utf8)
        let muted = original.replacingOccurrences(of: "    repeat_interval: 4h\n  receivers:\n", with: """
                repeat_interval: 4h
                routes: [{matchers: [severity=page], receiver: ops, mute_time_intervals: [always]}]
              time_intervals:
                - name: always
                  time_intervals: [{times: [{start_time: '00:00', end_time: '24:00'}]}]
              receivers:

            """)
        try #require(muted != original, "the workspace's route section changed shape")
        try setup.workspace.write("binwatch.yml", muted)

        let clock = NotifyTesting.ManualClock(start: t0)
        let (scheduler, pipeline) = try await setup.start(clock: clock)
        await setup.cycle(scheduler, clock: clock, at: at(0))  // fires
        await setup.flush(pipeline, clock: clock, at: at(30))
        await setup.cycle(scheduler, clock: clock, at: at(60))
        await setup.flush(pipeline, clock: clock, at: at(90))
        #expect(try await receiver.requests().isEmpty)

        let family = try #require(pipeline.metricFamilies().first { $0.name == "binwatch_notifications_time_muted_total" })
        #expect(family.type == .counter)
        #expect(family.samples.map(\.labels) == [Labels(["receiver": "ops", "reason": "mute_time_interval"])])
        #expect(family.samples.map(\.value) == [2])
    }
}
