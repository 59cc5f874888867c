import Model
import Notify
import NotifyTesting
import Testing

/// Routes muted or activated by time intervals, on the harness's manual clock. The
/// harness starts at 2027-01-15 08:00 UTC, a Friday, 09:00 in Europe/Berlin.
@Suite struct TimeMuteDispatchTests {
    static let office = """
        time_intervals:
          - name: office
            time_intervals:
              - weekdays: ['monday:friday']
                times: [{start_time: '09:00', end_time: '17:00'}]
                location: Europe/Berlin
        """

    static func harness(_ key: String) throws -> DispatchHarness {
        try DispatchHarness(
            "route: {receiver: r, group_by: [alertname], group_interval: 1h, routes: [{matchers: [team=ops], \(key): [office]}]}",
            inhibit: office + "\n")
    }

    /// Steps the harness to each of `times` and returns the first at which an alert named
    /// `name` had been sent to the webhook.
    static func firstSend(of name: String, _ h: DispatchHarness, steppingThrough times: [Int64]) async -> Int64? {
        for t in times {
            await h.step(t)
            if h.hook.calls.contains(where: { $0.alerts.contains { $0.labels["alertname"] == name } }) { return t }
        }
        return nil
    }

    static func muted(_ h: DispatchHarness, _ reason: NotifyMetrics.TimeMuteReason) -> Int {
        h.metrics.snapshot().timeMutedTotal[NotifyMetrics.TimeMuteKey(receiver: "r", reason: reason)] ?? 0
    }

    @Test func muteTimeIntervalHoldsBackUntilTheIntervalEnds() async throws {
        let h = try Self.harness("mute_time_intervals")
        await h.receive(DispatchHarness.alert("A", ["team": "ops"]), DispatchHarness.alert("B"), atSecond: 0)
        // Flushes at 30 s, then hourly; 17:00 Berlin is 28 800 s in.
        let firstSend = await Self.firstSend(of: "A", h, steppingThrough: (0...8).map { 30 + 3600 * $0 })
        // 16:00:30 Berlin is the last flush inside; 17:00:30 the first outside.
        #expect(firstSend == 28_830)
        #expect(Self.muted(h, .muteTimeInterval) == 8)
        #expect(Self.muted(h, .activeTimeInterval) == 0)
        // The root route (alert B) has no interval and sent at its first flush.
        #expect(DispatchHarness.describe(h.hook.calls).first == "B:F")
        #expect(DispatchHarness.describe(h.hook.calls).filter { $0.hasPrefix("A") } == ["A:F"])
        #expect(DispatchHarness.describe(h.slack.calls).filter { $0.hasPrefix("A") } == ["A:F"])
    }

    @Test func aMutedFlushWritesNoNotificationLog() async throws {
        let h = try Self.harness("mute_time_intervals")
        await h.receive(DispatchHarness.alert("A", ["team": "ops"]), atSecond: 0)
        await h.step(30)
        await h.step(3630)
        #expect(h.hook.calls.isEmpty && h.slack.calls.isEmpty)
        #expect(await h.log.count == 0)
        #expect(Self.muted(h, .muteTimeInterval) == 2)
        // Resolved while muted: Alertmanager's flush still succeeds and drops it, so
        // nothing is ever sent for it and the group empties.
        await h.receive(DispatchHarness.alert("A", ["team": "ops"], endsAt: 4000), atSecond: 4000)
        await h.step(7230)
        #expect(await h.dispatcher.groupSummaries().isEmpty)
        #expect(h.hook.calls.isEmpty)
    }

    @Test func activeTimeIntervalSendsOnlyInside() async throws {
        let h = try Self.harness("active_time_intervals")
        // Inside (Friday 09:00 Berlin): sends at the first flush.
        await h.receive(DispatchHarness.alert("A", ["team": "ops"]), atSecond: 0)
        await h.step(30)
        #expect(DispatchHarness.describe(h.hook.calls) == ["A:F"])
        // A new alert at 17:00 Berlin: held through the weekend, sent Monday 09:00:30.
        await h.receive(DispatchHarness.alert("C", ["team": "ops"], startsAt: 28_800), atSecond: 28_800)
        let firstSend = await Self.firstSend(of: "C", h, steppingThrough: (0...64).map { 28_830 + 3600 * $0 })
        #expect(firstSend == 259_230)
        // Both groups (A's and C's) flush at each of the 64 steps outside the interval.
        #expect(Self.muted(h, .activeTimeInterval) == 128)
        // A's repeat_interval (4h) ran out over the weekend, so it repeats at the same flush.
        #expect(DispatchHarness.describe(h.hook.calls) == ["A:F", "A:F", "C:F"])
    }

    /// 17:00 in Berlin is 16:00 UTC on Friday 2027-03-26 and 15:00 UTC on Monday 2027-03-29,
    /// after the spring change: an alert at 16:30 local is held 30 min either way.
    @Test(arguments: [(Int64(6_075_000), "Fri 15:30 UTC"), (Int64(6_330_600), "Mon 14:30 UTC")])
    func mutingFollowsTheLocationAcrossADSTChange(_ received: Int64, _ label: String) async throws {
        let h = try DispatchHarness(
            "route: {receiver: r, group_by: [alertname], routes: [{matchers: [team=ops], mute_time_intervals: [office]}]}",
            inhibit: Self.office + "\n")
        await h.receive(DispatchHarness.alert("A", ["team": "ops"], startsAt: received), atSecond: received)
        // group_wait 30 s, group_interval 5 m: flushes at received + 30 s + 5 m·k.
        let firstSend = await Self.firstSend(of: "A", h, steppingThrough: (0...8).map { received + 30 + 300 * $0 })
        #expect(firstSend == received + 1830, "\(label)")
        #expect(Self.muted(h, .muteTimeInterval) == 6, "\(label)")
        // The first send is the first flush at or after 17:00 Berlin time, in UTC:
        let utcSecondOfDay = (DispatchHarness.at(firstSend ?? 0).milliseconds / 1000) % 86_400
        #expect(utcSecondOfDay == (received == 6_075_000 ? 16 * 3600 + 30 : 15 * 3600 + 30), "\(label)")
    }
}
