import Collectors
import Foundation
import Logging
import Model
import PromQL
import Rules

extension Scheduler {
    /// Re-reads the config file and its rule files (SIGHUP, `POST /-/reload`). A config that
    /// fails to load is rejected: the running one stays, and
    /// `binwatch_config_last_reload_successful` drops to 0 until a reload succeeds.
    /// - Returns: the errors when the reload was rejected, nil when it took effect.
    ///
    /// The replaced runtime's sources are closed (their PostgreSQL sessions end): at once
    /// when no gathering pass is running, else when the running one has finished with them.
    @discardableResult
    public func reload(using loader: ConfigLoader) async -> ConfigLoadErrors? {
        let path = runtime.config.path
        do {
            let loaded = try loader.load(path: path)
            warnIfRemoteWriteChanged(loaded.config)  // Scheduler+RemoteWrite.swift
            retiredSources += runtime.ownedSources
            apply(loaded)
            if gatheringPasses == 0 { await closeRetiredSources() }
            reconfigureNotifications()  // Scheduler+Notifications.swift
            metrics.lastReloadSuccessful = true
            metrics.lastReloadSuccess = clock.now()
            publishReadView()
            logger.info("configuration reloaded", metadata: ["file": "\(path)", "groups": "\(runtime.groups.count)"])
            return nil
        } catch {
            metrics.lastReloadSuccessful = false
            metrics.reloadsFailed += 1
            publishReadView()
            logger.error("configuration reload rejected; the previous configuration keeps running",
                         metadata: ["file": "\(path)", "err": "\(error)"])
            return error
        }
    }

    /// Swaps in a new runtime. Groups that exist in both keep their alerts, last-written
    /// series and slot (`Group.CopyState`); removed groups' series get staleness markers.
    func apply(_ loaded: LoadedConfig) {
        var next = Runtime.build(loaded, extraSources: extraSources)
        var old: [String: Runtime.ScheduledGroup] = [:]
        for group in runtime.groups { old[group.key] = group }
        let now = clock.now()
        for index in next.groups.indices {
            guard let previous = old.removeValue(forKey: next.groups[index].key) else {
                next.groups[index].nextEvaluation = next.groups[index].group.firstEvaluationTimestamp(after: now)
                continue
            }
            next.groups[index].group.copyState(from: previous.group)
            next.groups[index].evaluations = previous.evaluations
            next.groups[index].failures = previous.failures
            next.groups[index].missed = previous.missed
            next.groups[index].lastEvaluation = previous.lastEvaluation
            next.groups[index].lastOutput = previous.lastOutput
            // Same interval and offset: the group stays on its grid.
            let sameGrid = next.groups[index].group.interval == previous.group.interval
                && next.groups[index].group.slotOffsetNanoseconds == previous.group.slotOffsetNanoseconds
            next.groups[index].nextEvaluation =
                sameGrid ? previous.nextEvaluation : next.groups[index].group.firstEvaluationTimestamp(after: now)
        }
        for removed in old.values {
            for labels in removed.group.lastWrittenSeries { store.markStale(labels, at: now) }
        }
        if next.config.global.evaluationInterval != runtime.config.global.evaluationInterval { nextGather = now }
        runtime = next
        queries.update(next.config.query)
    }
}

extension Scheduler {
    /// Closes the sources a reload replaced. Their in-flight collections (a timed-out one
    /// may still run) finish first: each source's close waits for its own session.
    func closeRetiredSources() async {
        let retired = retiredSources
        retiredSources = []
        for source in retired { await source.close() }
    }
}
