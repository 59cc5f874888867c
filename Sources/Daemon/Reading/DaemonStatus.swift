import Collectors
import Exposition
public import Model

/// What the status pages show of the scheduler itself: its cycles, its last reload and each
/// source's last answer, copied into every `ReadView`.
public struct DaemonStatus: Sendable {
    /// One configured source at its last gathering pass.
    public struct SourceStatus: Sendable {
        public var name: String
        /// Whether it answered in time (nil before its first pass).
        public var up: Bool?
        /// How long its last pass took.
        public var seconds: Double?
        /// What it could not gather at its last answer (secrets already redacted).
        public var problems: [String]
        public var failures: Int
        public var timeouts: Int
        /// Samples it gave at its last answer (one per series).
        public var samples: Int
    }

    public var cycles: Int = 0
    public var lastCycleSeconds: Double = 0
    public var lastCycleSuccess: Timestamp?
    public var lastReloadSuccessful = true
    public var lastReloadSuccess: Timestamp?
    public var reloadsFailed = 0
    public var sources: [SourceStatus] = []
    /// The rule files loaded, as the config names them after glob expansion.
    public var ruleFiles: [String] = []
    public var storeSeries = 0
    public var storeSamples = 0
    /// binwatch.yml as loaded, secrets shown as `<secret>`.
    public var configText = ""

    public init() {}
}

extension Scheduler {
    /// The scheduler's status for readers (`publishReadView`).
    func daemonStatus() -> DaemonStatus {
        var status = DaemonStatus()
        status.cycles = metrics.cycles
        status.lastCycleSeconds = metrics.lastCycleSeconds
        status.lastCycleSuccess = metrics.lastCycleSuccess
        status.lastReloadSuccessful = metrics.lastReloadSuccessful
        status.lastReloadSuccess = metrics.lastReloadSuccess
        status.reloadsFailed = metrics.reloadsFailed
        status.sources = runtime.sources.map { source in
            let name = source.name
            return DaemonStatus.SourceStatus(
                name: name, up: metrics.sourceUp[name], seconds: metrics.sourceSeconds[name],
                problems: (sourceProblems[name] ?? []).sorted(), failures: metrics.sourceFailures[name] ?? 0,
                timeouts: metrics.sourceTimeouts[name] ?? 0,
                samples: (lastFamilies[name] ?? []).reduce(0) { $0 + $1.samples.count })
        }
        status.ruleFiles = runtime.loaded.ruleFiles.map(\.path)
        status.storeSeries = metrics.storeSeries
        status.storeSamples = metrics.storeSamples
        status.configText = runtime.loaded.redactedText
        return status
    }
}
