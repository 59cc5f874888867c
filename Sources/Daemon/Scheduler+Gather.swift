import Logging
import Collectors
import Exposition
import Model
import Rules
import PromQL

extension Scheduler {
    /// Gathers every source at `time` in parallel, each bounded by the source timeout, appends
    /// what came back (a source that failed or timed out gets staleness markers for all its
    /// series, as a failed scrape does), applies retention, then judges the health checks.
    func gather(at time: Timestamp) async {
        metrics.cycles += 1
        gatheringPasses += 1
        let started = ContinuousClock.now
        let timeout = Duration.milliseconds(runtime.config.global.sourceTimeout.milliseconds)
        let sources = runtime.sources
        let clock = timeoutClock
        var outcomes: [(String, CollectionOutcome)] = []
        await withTaskGroup(of: (String, CollectionOutcome).self) { group in
            for source in sources {
                if inFlight.contains(source.name) {
                    outcomes.append((source.name, .stillRunning))
                    continue
                }
                inFlight.insert(source.name)
                group.addTask {
                    let outcome = await TimedCollection.collect(source, at: time, timeout: timeout, clock: clock) { [weak self] in
                        await self?.collectionFinished(source.name)
                    }
                    return (source.name, outcome)
                }
            }
            for await outcome in group { outcomes.append(outcome) }
        }
        gatheringPasses -= 1
        // Sources a reload replaced during this pass: closed off the cycle (a timed-out
        // collection may still hold a session; each close waits for its own).
        if gatheringPasses == 0, !retiredSources.isEmpty {
            let retired = retiredSources
            retiredSources = []
            Task { for source in retired { await source.close() } }
        }
        var allAnswered = true
        for (name, outcome) in outcomes.sorted(by: { $0.0 < $1.0 }) {
            var families: [MetricFamily] = []
            switch outcome {
            case .collected(let collection, let seconds):
                families = collection.families
                // A source that fails keeps its last metadata, as Prometheus's scrape cache does.
                lastMetadata[name] = collection.metadata.isEmpty ? nil : collection.metadata
                metrics.sourceUp[name] = true
                metrics.sourceSeconds[name] = seconds
                logProblemChanges(of: name, collection.problems)
            case .failed(let message, let seconds):
                allAnswered = false
                metrics.sourceUp[name] = false
                metrics.sourceSeconds[name] = seconds
                metrics.sourceFailures[name, default: 0] += 1
                logger.warning("source failed", metadata: ["source": "\(name)", "err": "\(message)"])
            case .timedOut, .stillRunning:
                allAnswered = false
                metrics.sourceUp[name] = false
                metrics.sourceSeconds[name] = runtime.config.global.sourceTimeout.seconds
                metrics.sourceTimeouts[name, default: 0] += 1
                logger.warning("source timed out", metadata: [
                    "source": "\(name)", "timeout": "\(runtime.config.global.sourceTimeout)",
                    "still_running": "\(outcomeIsStillRunning(outcome))",
                ])
            }
            lastFamilies[name] = families.isEmpty ? nil : families
            do {
                try store.appendSnapshot(FamiliesToStore.samples(families), from: "source/\(name)", at: time)
            } catch {
                logger.warning("samples dropped", metadata: ["source": "\(name)", "err": "\(error)"])
            }
        }
        if !allAnswered { metrics.cyclesSlow += 1 }
        let selfSamples = FamiliesToStore.samples(metrics.families(groups: runtime.groups) + historyFamilies())
        try? store.appendSnapshot(selfSamples, from: "binwatch", at: time)
        store.dropSamples(before: time - runtime.retention)
        metrics.storeSeries = store.seriesCount
        metrics.storeSamples = store.sampleCount
        let report = judgeHealth(at: time)
        health = report
        // Rules read the checks as series (rules/statistics.yml's StatisticalServiceFailed reads
        // bin_optimization_health_status{check="statistical_service"}), as Prometheus would
        // after scraping the health gauge; a check that disappears gets a staleness marker.
        do {
            try store.appendSnapshot(FamiliesToStore.samples([report.family]), from: "health", at: time)
        } catch {
            logger.warning("health samples dropped", metadata: ["err": "\(error)"])
        }
        metrics.lastCycleSeconds = TimedCollection.seconds(since: started)
        if metrics.lastCycleSeconds > runtime.config.global.evaluationInterval.seconds { metrics.cyclesSlow += 1 }
        if allAnswered { metrics.lastCycleSuccess = time }
    }

    /// Logs a source's problems when they change, not every cycle: a database down for an
    /// hour is one warning when it goes and one notice when it is back (its `pg_up` series
    /// shows the whole outage).
    private func logProblemChanges(of name: String, _ problems: [String]) {
        let now = Set(problems)
        let before = sourceProblems[name] ?? []
        for problem in problems where !before.contains(problem) {
            logger.warning("source problem", metadata: ["source": "\(name)", "err": "\(problem)"])
        }
        if now.isEmpty, !before.isEmpty {
            logger.notice("source problems cleared", metadata: ["source": "\(name)", "cleared": "\(before.count)"])
        }
        sourceProblems[name] = now.isEmpty ? nil : now
    }

    private func outcomeIsStillRunning(_ outcome: CollectionOutcome) -> Bool {
        if case .stillRunning = outcome { return true }
        return false
    }

    func collectionFinished(_ name: String) {
        inFlight.remove(name)
    }

    /// Every health check evaluated at `time` over the store.
    func judgeHealth(at time: Timestamp) -> HealthReport {
        let runner = QueryRunner(engine: limitedEngine(), expressions: runtime.expressions)
        let global = runtime.config.global
        let results = runtime.healthChecks.map { check in
            do {
                let samples = try runner.ruleQuery(check.config.exprText, at: time, on: store)
                    .filter { !StaleNaN.isStale($0.value) }
                    .map { (labels: $0.labels, value: $0.value) }
                return check.judge(samples, externalLabels: global.externalLabels, externalURL: global.externalURL)
            } catch {
                return check.judge(nil, error: "\(error)")
            }
        }
        return HealthReport(checks: results, timestamp: time)
    }
}
