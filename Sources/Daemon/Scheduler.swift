public import Collectors
import Exposition
import Foundation
public import Logging
public import Model
import PromQL
import Remote
public import Rules

/// The daemon's one owner of mutable state: the series store, the rule groups, health and
/// self metrics. Each wake-up (`runDue(at:)`) gathers the sources if their slot came, then
/// evaluates every rule group whose aligned slot came, then writes the textfile and the state
/// file. Time comes from the injected `DaemonClock`, so tests step it by hand.
public actor Scheduler {
    let clock: any DaemonClock
    /// Waits for source timeouts (a real clock in production and tests: it bounds a wait, it
    /// does not schedule anything).
    let timeoutClock: any Clock<Duration>
    let logger: Logger
    var runtime: Runtime
    var store = SeriesStore()
    var metrics = SelfMetrics()
    var health: HealthReport?
    var nextGather: Timestamp?
    /// Last families per source, for the textfile's `source_metrics`.
    var lastFamilies: [String: [MetricFamily]] = [:]
    /// Last metadata per source, for `/api/v1/metadata`.
    var lastMetadata: [String: [MetricMetadata]] = [:]
    var inFlight: Set<String> = []
    /// Each source's problems at its last answer, so they are logged when they change.
    var sourceProblems: [String: Set<String>] = [:]
    var stateStore: SQLiteStateStore?
    /// The store's write-ahead log, when `state.path` is set (Scheduler+History.swift).
    var history: SeriesHistory?
    /// The remote-write queues reading that log (Scheduler+RemoteWrite.swift).
    var remoteWrite: RemoteWriteSet?
    /// Saved alerts waiting for their group's first evaluation after start-up.
    var pendingRestore: StateSnapshot?
    var alertSink: (any AlertSink)?
    let extraSources: [any Source]
    /// Gathering passes between their start and their appends (each holds the sources it
    /// started with; a reload meanwhile must not close them under it).
    var gatheringPasses = 0
    /// Sources a reload replaced, closed once no gathering pass uses them.
    var retiredSources: [any Source] = []
    /// Whether a full cycle has completed (`/-/ready`).
    public private(set) var isReady = false
    /// What readers see, published after each cycle (Reading/ReadView.swift): HTTP reads
    /// take it without entering this actor, so no reader can hold up alerting.
    public nonisolated let readView = ReadViewBox()
    /// Runs readers' queries beside this actor under `query:`'s limits (Query/QueryExecutor.swift).
    public nonisolated let queries: QueryExecutor

    /// - Parameters:
    ///   - loaded: a validated config and its rule files.
    ///   - extraSources: sources besides the configured ones (embedders and tests).
    ///   - clock: the time the scheduler runs on.
    public init(
        _ loaded: LoadedConfig, extraSources: [any Source] = [], clock: any DaemonClock = SystemClock(),
        timeoutClock: any Clock<Duration> = ContinuousClock(), alertSink: (any AlertSink)? = nil,
        logger: Logger = Logger(label: "binwatch")
    ) {
        self.clock = clock
        self.timeoutClock = timeoutClock
        self.logger = logger
        self.extraSources = extraSources
        self.alertSink = alertSink
        runtime = Runtime.build(loaded, extraSources: extraSources)
        queries = QueryExecutor(limits: loaded.config.query)
        metrics.lastReloadSuccess = clock.now()
        MemoryTrim.limitArenas
    }

    /// Opens the state file (if configured) and reads the saved alerts; a corrupt or
    /// unreadable file is reported and the daemon starts empty.
    /// - Returns: the warnings logged.
    @discardableResult
    public func openState() -> [String] {
        guard let path = runtime.config.state.path else { return [] }
        let (store, snapshot, warnings) = SQLiteStateStore.openOrRecover(path: path, now: clock.now())
        for warning in warnings { logger.warning("\(warning)") }
        stateStore = store
        openHistory(statePath: path)
        pendingRestore = snapshot.alerts.isEmpty ? nil : snapshot
        if !snapshot.alerts.isEmpty {
            logger.info("read \(snapshot.alerts.count) saved alerts from \(path)")
        }
        return warnings
    }

    // MARK: Running

    /// Runs until the task is cancelled (SIGTERM through ServiceLifecycle), then finishes the
    /// current cycle and writes the textfile and the state file one last time.
    public func run() async {
        let start = clock.now()
        schedule(from: start)
        await runDue(at: start)
        while !Task.isCancelled {
            guard let next = nextWakeUp() else { break }
            do {
                try await clock.sleep(until: next)
            } catch {
                break
            }
            await runDue(at: clock.now())
        }
        writeOutputs(at: clock.now())
        history?.close()
        // Database sessions end with the daemon, not at process exit.
        retiredSources += runtime.ownedSources
        await closeRetiredSources()
    }

    /// One gathering pass and one evaluation of every group at `time` (`run --once`,
    /// `binwatch health`), then the outputs.
    public func runOnce(at time: Timestamp) async {
        await gather(at: time)
        for index in runtime.groups.indices { await evaluate(groupAt: index, at: time) }
        // Judged again so checks over recording rules see this evaluation's results.
        health = judgeHealth(at: time)
        finishCycle(at: time)
    }

    /// Sets the first gather (now) and every group's first aligned slot.
    func schedule(from now: Timestamp) {
        nextGather = now
        for index in runtime.groups.indices where runtime.groups[index].nextEvaluation == nil {
            runtime.groups[index].nextEvaluation = runtime.groups[index].group.firstEvaluationTimestamp(after: now)
        }
    }

    /// The earliest pending slot.
    public func nextWakeUp() -> Timestamp? {
        ([nextGather] + runtime.groups.map(\.nextEvaluation)).compactMap { $0 }.min()
    }

    /// Does everything due at or before `now`: gathering (on the evaluation-interval grid),
    /// then each due group at its own slot (late slots are skipped and counted, never caught
    /// up), then the outputs.
    public func runDue(at now: Timestamp) async {
        if nextGather == nil { schedule(from: now) }
        var didWork = false
        if let due = nextGather, due <= now {
            let interval = runtime.config.global.evaluationInterval
            let missed = Int((now - due).milliseconds / max(1, interval.milliseconds))
            let slot = due + PromDuration(milliseconds: Int64(missed) * interval.milliseconds)
            metrics.cyclesMissed += missed
            await gather(at: slot)
            nextGather = slot + interval
            didWork = true
        }
        var lastSlot: Timestamp?
        let dueGroups = runtime.groups.indices.filter { index in
            runtime.groups[index].nextEvaluation.map { $0 <= now } ?? false
        }.sorted { (runtime.groups[$0].nextEvaluation ?? now) < (runtime.groups[$1].nextEvaluation ?? now) }
        for index in dueGroups {
            guard let due = runtime.groups[index].nextEvaluation else { continue }
            let interval = runtime.groups[index].group.interval
            let missed = Int((now - due).milliseconds / max(1, interval.milliseconds))
            let slot = due + PromDuration(milliseconds: Int64(missed) * interval.milliseconds)
            runtime.groups[index].missed += missed
            await evaluate(groupAt: index, at: slot)
            runtime.groups[index].nextEvaluation = slot + interval
            didWork = true
            lastSlot = max(lastSlot ?? slot, slot)
        }
        // Judged again after the groups so checks over recording rules see their new results;
        // at `now`, not at the last group slot, which may lie before this wake-up's gathering
        // (judging there would read the samples of the cycle before).
        if lastSlot != nil, health != nil { health = judgeHealth(at: now) }
        if didWork { finishCycle(at: now) }
    }

    func finishCycle(at now: Timestamp) {
        writeOutputs(at: now)
        isReady = true
        publishReadView()
        MemoryTrim.releaseFreeMemory()
    }

    // MARK: Evaluation

    /// Evaluates one group at `ts` through Rules' store-appending evaluation: each rule's
    /// output goes into the store before the next rule runs (a later rule sees an earlier
    /// one's samples at the same `ts`), and a sample the store refuses fails its rule, as in
    /// Prometheus's `Group.Eval`.
    func evaluate(groupAt index: Int, at ts: Timestamp) async {
        let started = ContinuousClock.now
        let wallStart = clock.now()
        restoreIfPending(groupAt: index, now: ts)
        // Each rule's duration and start (wall time, as Prometheus's rule.SetEvaluationTimestamp).
        var timings = [RuleEvaluation?](repeating: nil, count: runtime.groups[index].group.rules.count)
        var ruleStarted = started
        let evaluation = runtime.groups[index].group.evaluate(
            at: ts, store: &store, engine: limitedEngine(),
            willEvaluateRule: { _ in ruleStarted = ContinuousClock.now },
            didEvaluateRule: { rule in
                let offset = ruleStarted - started
                let offsetMilliseconds = offset.components.seconds * 1000 + offset.components.attoseconds / 1_000_000_000_000_000
                timings[rule] = RuleEvaluation(
                    seconds: TimedCollection.seconds(since: ruleStarted),
                    at: Timestamp(milliseconds: wallStart.milliseconds + offsetMilliseconds))
            })
        var scheduled = runtime.groups[index]
        scheduled.ruleEvaluations = timings
        scheduled.evaluations += 1
        scheduled.failures += evaluation.failures.count
        scheduled.lastEvaluation = ts
        scheduled.lastErrors = Dictionary(evaluation.failures.map { ($0.rule, $0.error) }) { first, _ in first }
        scheduled.lastDurationSeconds = TimedCollection.seconds(since: started)
        // Failed rules keep what they showed last time, as their series are not marked stale.
        let failed = Set(evaluation.failures.map(\.rule))
        let kept = scheduled.lastOutput.filter { sample in
            failed.contains(sample.labels[LabelName.alertName] ?? sample.labels.metricName ?? "")
        }
        scheduled.lastOutput = kept + evaluation.samples.filter { !StaleNaN.isStale($0.value) }
        runtime.groups[index] = scheduled
        for failure in evaluation.failures {
            logger.warning("rule evaluation failed", metadata: [
                "group": "\(scheduled.key)", "rule": "\(failure.rule)", "err": "\(failure.error)",
            ])
        }
        if let sink = alertSink {
            let due = runtime.groups[index].group.alertsToSend(at: ts, resendDelay: runtime.config.global.resendDelay)
            for (rule, alerts) in due { await sink.send(alerts, rule: rule, groupKey: scheduled.key, at: ts) }
        }
    }

    /// Puts saved alerts of this group back before its first evaluation (ForStateRestore).
    func restoreIfPending(groupAt index: Int, now: Timestamp) {
        guard let snapshot = pendingRestore, let downAt = snapshot.writtenAt, runtime.groups[index].evaluations == 0 else { return }
        let key = runtime.groups[index].key
        let restorer = ForStateRestore(
            outageTolerance: runtime.config.global.forOutageTolerance, gracePeriod: runtime.config.global.forGracePeriod)
        let interval = runtime.groups[index].group.interval
        for rule in runtime.groups[index].group.alertingRules {
            let saved = snapshot.alerts.filter { $0.groupKey == key && $0.rule == rule.name }
            let alerts = saved.compactMap {
                restorer.restore($0.alert, holdDuration: rule.holdDuration, interval: interval, downAt: downAt, now: now)
            }
            if !alerts.isEmpty { runtime.groups[index].group.restore(alerts, rule: rule.name) }
        }
        pendingRestore?.alerts.removeAll { $0.groupKey == key }
        if pendingRestore?.alerts.isEmpty ?? false { pendingRestore = nil }
    }
}
