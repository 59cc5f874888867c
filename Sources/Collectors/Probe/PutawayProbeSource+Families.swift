import Exposition
import Model
import PackingCore

extension PutawayProbeSource {
    /// The probe's families for `run`, with the histograms as they stand in `state`.
    func families(_ run: ProbeRun, state: ProbeState) -> [MetricFamily] {
        var labels = config.labels
        labels.set("facility", to: config.facility)
        labels.set("algorithm", to: config.algorithm.rawValue)
        func gauge(_ name: String, _ help: String, _ value: Double) -> MetricFamily {
            MetricFamily(name: name, help: help, type: .gauge, samples: [MetricSample(name: name, labels: labels, value: value)])
        }
        var out = [
            gauge("probe_success", "Displays whether or not the probe was a success (plan made, no invariant broken).",
                  run.success ? 1 : 0),
            gauge("probe_duration_seconds", "Returns how long the probe took to complete in seconds (loading included).",
                  run.durationSeconds),
            MetricFamily(
                name: "batch_putaway_processing_time_ms", help: "Planning time of the probe's putaway batches, in milliseconds.",
                type: .histogram, samples: state.processing.samples(name: "batch_putaway_processing_time_ms", labels: labels)),
            MetricFamily(
                name: "putaway_recommendation_confidence_score",
                help: "Confidence scores (0..1) of the probe's putaway recommendations.", type: .histogram,
                samples: state.confidence.samples(name: "putaway_recommendation_confidence_score", labels: labels)),
        ]
        if let plan = run.plan {
            out.append(gauge("putaway_probe_unplaced_items", "Units of the last probe batch that got no bin.",
                             Double(plan.unplacedUnits)))
            out.append(gauge("putaway_probe_capacity_violations",
                             "Invariants the independent validator found broken in the last probe plan (must be 0).",
                             Double(plan.violations)))
            out.append(gauge("putaway_probe_bins_rejected",
                             "Bins left out of the last probe plan because their own figures contradict each other.",
                             Double(plan.binsRejected)))
            out.append(gauge("putaway_probe_bins", "Bins the last probe planned against (contradictory ones included).",
                             Double(plan.bins)))
        }
        return out
    }
}
