public import Exposition
public import Model

/// Turns what a source gathered (`Exposition.MetricFamily`) into store samples: the
/// sample name becomes `__name__` (so histograms land as `_bucket`/`_sum`/`_count`),
/// exposition timestamps are dropped (binwatch stamps everything with the cycle time).
public enum FamiliesToStore {
    public static func samples(_ families: [MetricFamily]) -> [(labels: Labels, value: Double)] {
        var out: [(labels: Labels, value: Double)] = []
        for family in families {
            for sample in family.samples {
                out.append((sample.labels.setting(LabelName.metricName, to: sample.name), sample.value))
            }
        }
        return out
    }
}
