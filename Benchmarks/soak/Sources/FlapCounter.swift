import Model
import Rules

/// Counts the alert state changes the soak went through, from the scheduler's active alerts
/// after each cycle, to prove the alerts really flapped (a soak whose alerts never fired
/// would say nothing about the notification pipeline).
struct FlapCounter {
    private var previous: [Labels: AlertState] = [:]
    private(set) var pendingStarted = 0
    private(set) var pendingDropped = 0
    private(set) var fired = 0
    private(set) var resolved = 0
    /// Cycles in which a firing alert was held by keep_firing_for.
    private(set) var keptFiring = 0
    /// Firing alerts seen again as firing after they had resolved (per label set).
    private(set) var refired = 0
    private var everResolved: Set<Labels> = []

    mutating func observe(_ alerts: [Alert]) {
        var current: [Labels: AlertState] = [:]
        for alert in alerts {
            current[alert.labels] = alert.state
            if alert.state == .firing, alert.keepFiringSince != nil { keptFiring += 1 }
            switch (previous[alert.labels], alert.state) {
            case (nil, .pending): pendingStarted += 1
            case (.pending, .firing), (nil, .firing):
                fired += 1
                // Only docks come back with the same labels; bins get new ids.
                if everResolved.contains(alert.labels) { refired += 1 }
            default: break
            }
        }
        for (labels, state) in previous where current[labels] == nil {
            if state == .pending { pendingDropped += 1 }
            if state == .firing {
                resolved += 1
                if labels["dock"] != nil { everResolved.insert(labels) }
            }
        }
        previous = current
    }

    var summary: String {
        "\(pendingStarted) went pending, \(pendingDropped) pending dropped, \(fired) fired (\(refired) again after resolving), "
            + "\(resolved) resolved, \(keptFiring) alert-cycles held by keep_firing_for"
    }

    /// The run flapped: every transition happened, repeatedly.
    func checks(cycles: Int) -> [SoakVerdict.Check] {
        let enough = max(2, cycles / 1000)
        let passed = pendingDropped >= enough && fired >= enough && resolved >= enough && refired >= enough && keptFiring >= enough
        return [SoakVerdict.Check(name: "alerts flapped", passed: passed, detail: summary + " (each needed ≥ \(enough))")]
    }
}
