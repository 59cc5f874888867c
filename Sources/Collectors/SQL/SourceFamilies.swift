import Exposition
import Model

/// Assembles a PostgreSQL source's families: the collectors' metrics in file order,
/// then `pg_up` and the per-query self metrics.
enum SourceFamilies {
    static let upName = "pg_up"
    static let durationName = "binwatch_sql_query_duration_seconds"
    static let errorsName = "binwatch_sql_query_errors_total"

    static func build(
        collectors: [CollectorFile], outcomes: [MetricOutcome], up: Bool, errorCounts: [MetricKey: Double],
        sourceLabels: Labels
    ) -> [MetricFamily] {
        var byKey: [MetricKey: MetricOutcome] = [:]
        for outcome in outcomes { byKey[MetricKey(collector: outcome.collector, metric: outcome.metric)] = outcome }

        var families: [MetricFamily] = []
        var durations = MetricFamily(
            name: durationName, help: "How long each SQL collector query took, in seconds.", type: .gauge)
        var errors = MetricFamily(
            name: errorsName, help: "SQL collector queries that failed, by collector and metric.", type: .counter)
        for collector in collectors {
            for metric in collector.metrics {
                let key = MetricKey(collector: collector.collectorName, metric: metric.name)
                let selfLabels = attach(sourceLabels, to: Labels(["collector": key.collector, "metric": key.metric]))
                errors.samples.append(MetricSample(name: errorsName, labels: selfLabels, value: errorCounts[key] ?? 0))
                guard let outcome = byKey[key] else { continue }
                durations.samples.append(MetricSample(name: durationName, labels: selfLabels, value: seconds(outcome.duration)))
                guard !outcome.samples.isEmpty else { continue }
                let samples = outcome.samples.map { sample in
                    MetricSample(name: sample.name, labels: attach(sourceLabels, to: sample.labels), value: sample.value)
                }
                families.append(MetricFamily(name: metric.name, help: metric.help, type: metric.type, samples: samples))
            }
        }
        families.append(MetricFamily(
            name: upName, help: "Whether the PostgreSQL server answered (1) or not (0).", type: .gauge,
            samples: [MetricSample(name: upName, labels: sourceLabels, value: up ? 1 : 0)]))
        if !durations.samples.isEmpty { families.append(durations) }
        families.append(errors)
        return families
    }

    /// Source labels fill in what a series does not already have (its own labels win,
    /// as Prometheus's external labels do).
    static func attach(_ sourceLabels: Labels, to labels: Labels) -> Labels {
        var out = labels
        for label in sourceLabels where labels[label.name] == nil { out.set(label.name, to: label.value) }
        return out
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
