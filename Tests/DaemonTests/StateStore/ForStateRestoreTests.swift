import Daemon
import Model
import Rules
import Testing

@Suite struct ForStateRestoreTests {
    let restorer = ForStateRestore(outageTolerance: PromDuration(seconds: 3600), gracePeriod: PromDuration(seconds: 600))
    let interval = PromDuration(seconds: 60)
    let down = Timestamp(milliseconds: 10_000_000)

    func pending(activeAt: Timestamp) -> Alert {
        Alert(state: .pending, labels: Labels(["alertname": "A"]), annotations: Labels(), value: 1, activeAt: activeAt)
    }

    @Test func outageLongerThanToleranceRestoresNothing() {
        let now = down + PromDuration(seconds: 3601)
        #expect(restorer.restore(pending(activeAt: down), holdDuration: PromDuration(seconds: 3600), interval: interval, downAt: down, now: now) == nil)
    }

    /// `for` 30m, active 10m before going down, down 20m: downtime is not counted.
    @Test func downtimeIsNotCounted() {
        let active = down - PromDuration(seconds: 600)
        let now = down + PromDuration(seconds: 1200)
        let alert = restorer.restore(pending(activeAt: active), holdDuration: PromDuration(seconds: 1800), interval: interval, downAt: down, now: now)
        #expect(alert?.activeAt == active + PromDuration(seconds: 1200))
    }

    /// `for` 30m, 25m done: 5m remain (< grace), so it fires `grace` after the restart.
    @Test func shortRemainderWaitsTheGracePeriod() {
        let now = down + PromDuration(seconds: 300)
        let alert = restorer.restore(
            pending(activeAt: down - PromDuration(seconds: 1500)), holdDuration: PromDuration(seconds: 1800), interval: interval,
            downAt: down, now: now)
        #expect(alert?.activeAt == now + PromDuration(seconds: 600) - PromDuration(seconds: 1800))
    }

    @Test func shortForRulesStartOverAfterALongerOutage() {
        let now = down + PromDuration(seconds: 300)
        #expect(restorer.restore(pending(activeAt: down), holdDuration: PromDuration(seconds: 120), interval: interval, downAt: down, now: now) == nil)
    }

    @Test func firingAlertsStayFiring() {
        var firing = pending(activeAt: down - PromDuration(seconds: 900))
        firing.state = .firing
        firing.firedAt = down - PromDuration(seconds: 300)
        firing.lastSentAt = down
        let now = down + PromDuration(seconds: 1800)
        #expect(restorer.restore(firing, holdDuration: PromDuration(seconds: 600), interval: interval, downAt: down, now: now) == firing)
    }
}
