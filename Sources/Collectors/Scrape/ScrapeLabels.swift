import Model

/// How a scraped sample's labels meet its target's (`job`, `instance`, static labels), as
/// Prometheus's `mutateSampleLabels` and `mutateReportSampleLabels` (scrape/scrape.go) do.
enum ScrapeLabels {
    /// With `honor_labels`, the sample's own labels win and target labels only fill gaps.
    /// Without it, target labels win and a clashing exposed label is kept as
    /// `exported_<name>` (`exported_exported_<name>` if that is taken too). Empty values are dropped.
    static func merge(sample: Labels, target: Labels, honorLabels: Bool) -> Labels {
        var out = sample
        if honorLabels {
            for label in target where sample[label.name] == nil { out.set(label.name, to: label.value) }
            return withoutEmpty(out)
        }
        var conflicts: [Label] = []
        for label in target {
            if let existing = sample[label.name], !existing.isEmpty {
                conflicts.append(Label(name: label.name, value: existing))
            }
            out.set(label.name, to: label.value)
        }
        // Shorter names first, as Prometheus sorts them, so the renaming is deterministic.
        for conflict in conflicts.enumerated().sorted(by: {
            ($0.element.name.count, $0.offset) < ($1.element.name.count, $1.offset)
        }).map(\.element) {
            var name = conflict.name
            repeat { name = "exported_" + name } while !(out[name] ?? "").isEmpty
            out.set(name, to: conflict.value)
        }
        return withoutEmpty(out)
    }

    /// `{a=""}` means no label `a` (Prometheus's labels.Builder deletes on an empty value).
    static func withoutEmpty(_ labels: Labels) -> Labels {
        let empty = Set(labels.filter { $0.value.isEmpty }.map(\.name))
        return empty.isEmpty ? labels : labels.removing(empty)
    }
}
