import Model
import Notify
import NotifyTesting
import Testing

/// Notification-log expiry and garbage collection, as Alertmanager's nflog: an entry
/// expires `min(data_retention, 2 × repeat_interval)` after its delivery and the GC pass
/// at or after that time deletes it. Time comes from the harness's manual clock.
@Suite struct NotificationLogRetentionTests {
    @Test func deliveredEntriesAreCollectedAfterTwiceTheRepeatInterval() async throws {
        let h = try DispatchHarness("route: {receiver: r, group_by: [alertname], repeat_interval: 1h}")
        await h.receive(DispatchHarness.alert("A"), atSecond: 0)
        await h.step(30)  // group_wait: both integrations deliver and log
        #expect(await h.log.count == 2)
        let delivered = DispatchHarness.at(30)
        let expiry = delivered + PromDuration(seconds: 2 * 3600)
        h.clock.set(Timestamp(milliseconds: expiry.milliseconds - 1))
        #expect(await h.log.garbageCollect(at: h.clock.now()) == 0)
        #expect(await h.log.count == 2)
        h.clock.set(expiry)
        #expect(await h.log.garbageCollect(at: h.clock.now()) == 2)
        #expect(await h.log.count == 0)
    }

    @Test func dataRetentionCapsTheExpiry() throws {
        let long = try NotifyConfig.parse(
            yaml: "route: {receiver: r, repeat_interval: 100h}\nreceivers: [{name: r}]", file: "t.yml")
        #expect(long.dataRetention == PromDuration(seconds: 120 * 3600))
        #expect(long.logRetention == PromDuration(seconds: 120 * 3600))  // 2 × 100h capped at 120h
        let short = try NotifyConfig.parse(
            yaml: "data_retention: 30m\nroute: {receiver: r}\nreceivers: [{name: r}]", file: "t.yml")
        #expect(short.logRetention == PromDuration(seconds: 1800))
        let defaults = try NotifyConfig.parse(yaml: "route: {receiver: r}\nreceivers: [{name: r}]", file: "t.yml")
        #expect(defaults.logRetention == PromDuration(seconds: 8 * 3600))  // 2 × the default 4h
    }

    @Test func aRetentionOfZeroIsAConfigError() {
        #expect {
            _ = try NotifyConfig.parse(yaml: "data_retention: 0s\nroute: {receiver: r}\nreceivers: [{name: r}]", file: "t.yml")
        } throws: { error in
            (error as? ConfigErrors)?.description == "t.yml:1:17: alerting.data_retention: expected a duration greater than 0s, found \"0s\""
        }
    }

    @Test func theContractHoldsForTheInMemoryLog() async throws {
        #expect(await OutboxContract.violations(of: InMemoryNotificationLog()).isEmpty)
    }
}
