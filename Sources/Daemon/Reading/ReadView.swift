public import Exposition
public import PromQL
public import Rules
import Synchronization

/// What every reader (the HTTP API, the coming UI) sees of the running daemon: immutable
/// copies taken by the scheduler at the end of each cycle. The store is a copy-on-write
/// value, so a view costs a reference until the scheduler writes again; a reader holding an
/// old view never waits for, nor holds up, the next cycle.
public struct ReadView: Sendable {
    /// The series store as the last cycle left it.
    public var store: SeriesStore
    /// Pending and firing alerts, in group and rule order.
    public var alerts: [Alert]
    /// Every rule group with its rules' last evaluation.
    public var groups: [Scheduler.GroupStatus]
    /// The last health report (nil before the first gathering pass).
    public var health: HealthReport?
    /// The scheduler's self-metric families (`/metrics`), encoded by the reader.
    public var metricFamilies: [MetricFamily]
    /// Each configured source's metadata at its last answer (`/api/v1/metadata`).
    public var metadata: [String: [MetricMetadata]]
    /// Cycles, reloads and sources (the web pages).
    public var daemon: DaemonStatus
    /// Whether a full cycle has completed (`/-/ready`).
    public var isReady: Bool
    /// `web.enable_lifecycle` of the running config.
    public var lifecycleEnabled: Bool

    /// The view before the first cycle: nothing gathered, not ready.
    public static let empty = ReadView(
        store: SeriesStore(), alerts: [], groups: [], health: nil, metricFamilies: [], metadata: [:], daemon: DaemonStatus(), isReady: false,
        lifecycleEnabled: false)
}

/// The latest `ReadView`, swapped under a lock by the scheduler and read by anyone.
/// Taking a view copies a few references inside the lock; nothing is computed there.
public final class ReadViewBox: Sendable {
    private let current = Mutex(ReadView.empty)

    public init() {}

    /// The latest published view.
    public func load() -> ReadView { current.withLock { $0 } }

    /// Replaces the view (the scheduler, after each cycle, reload or health pass).
    public func publish(_ view: ReadView) {
        // The old view is returned and released here, outside the lock: freeing the last
        // reference to a big store takes a while, and readers must not wait for it.
        let old = current.withLock { box in
            defer { box = view }
            return box
        }
        withExtendedLifetime(old) {}
    }
}
