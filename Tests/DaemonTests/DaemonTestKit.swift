import Daemon
import Foundation
import Model
import Rules
import Synchronization

/// A clock the test moves by hand.
final class ManualClock: DaemonClock {
    private let current: Mutex<Timestamp>

    init(_ start: Timestamp) { current = Mutex(start) }

    func now() -> Timestamp { current.withLock { $0 } }

    func set(_ time: Timestamp) { current.withLock { $0 = time } }

    func sleep(until deadline: Timestamp) async throws {
        while now() < deadline {
            try Task.checkCancellation()
            await Task.yield()
        }
    }
}

/// The source-timeout clock for tests that step the scheduler's `ManualClock` by hand: a
/// real clock whose waits last `factor` times as long. What those tests assert (which alert
/// is pending or firing at which slot) must not depend on whether a source answered within
/// its real-time timeout on a loaded machine; a source that truly hangs still ends the wait,
/// only later. The timeouts themselves are tested with the real clock (SlowSourceTests,
/// TimedCollectionTests).
struct PatientClock: Clock {
    typealias Instant = ContinuousClock.Instant
    let factor: Int

    init(factor: Int = 20) { self.factor = factor }

    var now: Instant { ContinuousClock.now }
    var minimumResolution: Duration { ContinuousClock().minimumResolution }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try await Task.sleep(for: now.duration(to: deadline) * factor)
    }
}

/// A temporary folder with a config, rule files and a data textfile.
struct Workspace {
    let dir: String

    init() throws {
        dir = NSTemporaryDirectory() + "binwatch-daemon-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/rules", withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { dir + "/" + name }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
    }

    /// A config over `data.prom` with the rules in rules/*.yml, a textfile and a state file.
    func writeConfig(extra: String = "", interval: String = "1m") throws {
        try write("binwatch.yml", """
            global:
              evaluation_interval: \(interval)
            rule_files: [rules/*.yml]
            sources:
              textfile:
                - {name: wms, path: \(path("data.prom"))}
            output:
              textfile: \(path("out.prom"))
            state:
              path: \(path("state.sqlite"))
            \(extra)
            """)
    }

    func load() throws(ConfigLoadErrors) -> LoadedConfig { try ConfigLoader(environment: [:]).load(path: path("binwatch.yml")) }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }
}

/// Records what the scheduler hands out for notification.
actor RecordingAlertSink: AlertSink {
    private(set) var sent: [(rule: String, alert: Alert, at: Timestamp)] = []

    func send(_ alerts: [Alert], rule: AlertingRule, groupKey: String, at time: Timestamp) async {
        for alert in alerts { sent.append((rule.name, alert, time)) }
    }
}

let t0 = Timestamp(milliseconds: 1_700_000_000_000)

func at(_ seconds: Int64) -> Timestamp { Timestamp(milliseconds: t0.milliseconds + seconds * 1000) }
