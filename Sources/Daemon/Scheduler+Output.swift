import Logging
import Exposition
import Foundation
import Model
import PromQL
import Rules

extension Scheduler {
    /// Writes the textfile (atomically) and the state file; failures are logged and counted,
    /// never fatal.
    func writeOutputs(at time: Timestamp) {
        // The cycle's samples reach the WAL before anything is written from them.
        flushHistory(at: time)
        if let path = runtime.config.output.textfile {
            do {
                try TextfileWriter(path: path).write(textfileFamilies())
            } catch {
                metrics.textfileWriteFailures += 1
                logger.error("textfile not written", metadata: ["path": "\(path)", "err": "\(error)"])
            }
        }
        saveState(at: time)
    }

    func saveState(at time: Timestamp) {
        guard let stateStore else { return }
        var alerts: [SavedAlert] = []
        for scheduled in runtime.groups {
            for rule in scheduled.group.alertingRules {
                for labels in rule.active.keys.sorted() {
                    guard let alert = rule.active[labels] else { continue }
                    alerts.append(SavedAlert(groupKey: scheduled.key, rule: rule.name, alert: alert))
                }
            }
        }
        // Saved alerts of groups that have not run yet since start-up stay saved.
        alerts += pendingRestore?.alerts ?? []
        do {
            try stateStore.save(alerts, at: time)
        } catch {
            metrics.stateWriteFailures += 1
            logger.error("state not written", metadata: ["err": "\(error)"])
        }
    }

    /// What the textfile holds: ALERTS, recording-rule results, health status, the selected
    /// source series and self metrics; one family per name (the first one wins on a clash).
    func textfileFamilies() -> [MetricFamily] {
        var families: [MetricFamily] = []
        var byName: [String: Int] = [:]
        func add(_ family: MetricFamily) {
            guard !family.samples.isEmpty else { return }
            if let index = byName[family.name] {
                guard families[index].type == family.type else { return }
                let seen = Set(families[index].samples.map(\.labels))
                families[index].samples += family.samples.filter { !seen.contains($0.labels) }
            } else {
                byName[family.name] = families.count
                families.append(family)
            }
        }
        var ruleSeries: [String: [MetricSample]] = [:]
        var seen = Set<Labels>()
        for scheduled in runtime.groups {
            for sample in scheduled.lastOutput where seen.insert(sample.labels).inserted {
                guard let name = sample.labels.metricName, name != "ALERTS_FOR_STATE" else { continue }
                ruleSeries[name, default: []].append(
                    MetricSample(name: name, labels: sample.labels.removing([LabelName.metricName]), value: sample.value))
            }
        }
        if let alerts = ruleSeries.removeValue(forKey: "ALERTS") {
            add(MetricFamily(name: "ALERTS", help: "Alerts pending or firing (1 per alert).", type: .gauge, samples: alerts))
        }
        for name in ruleSeries.keys.sorted() {
            add(MetricFamily(name: name, help: "Recording rule \(name).", type: .gauge, samples: ruleSeries[name] ?? []))
        }
        if let health { add(health.family) }
        for family in selectedSourceFamilies() { add(family) }
        for family in metrics.families(groups: runtime.groups) + historyFamilies() { add(family) }
        for family in sinkMetricFamilies() { add(family) }  // binwatch_notification*
        return families
    }

    /// The gathered families whose series match any `output.source_metrics` selector.
    func selectedSourceFamilies() -> [MetricFamily] {
        let selectors = runtime.config.output.sourceMetrics
        guard !selectors.isEmpty else { return [] }
        var out: [MetricFamily] = []
        for name in lastFamilies.keys.sorted() {
            for family in lastFamilies[name] ?? [] {
                var selected = family
                selected.samples = family.samples.filter { sample in
                    let labels = sample.labels.setting(LabelName.metricName, to: sample.name)
                    return selectors.contains { matchers in matchers.allSatisfy { $0.matches(labels[$0.name] ?? "") } }
                }.map { sample in
                    var sample = sample
                    sample.timestamp = nil
                    return sample
                }
                if !selected.samples.isEmpty { out.append(selected) }
            }
        }
        return out
    }
}
