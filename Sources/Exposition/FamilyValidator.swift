import Model

/// The rules one family must meet beyond line syntax, shared by the encoder (which refuses
/// to write a family that breaks them) and the parser (which reports them at the sample's line).
///
/// These are the spec's "must"s and what makes Prometheus or node_exporter silently drop data:
/// duplicate series (ingestion undefined; node_exporter drops the later one), sample names the
/// family does not own, a bucket without `le` or a summary sample without `quantile` (expfmt
/// drops it), `le`/`quantile` on `_sum`/`_count` (expfmt drops the label, merging series),
/// a histogram without a `+Inf` bucket, buckets or quantiles out of order or repeated
/// (`le="1"` and `le="1.0"` are one bound to Go), `+Inf` bucket differing from `_count`,
/// and counts that are not non-negative integers (expfmt stores them as `uint64`).
struct FamilyValidator {
    var format: ExpositionFormat
    /// node_exporter's textfile rule: no client-side timestamps (the whole file is dropped).
    var rejectTimestamps: Bool
    /// node_exporter's textfile rule: no `__`-prefixed label names (client_golang's
    /// `MustNewConstMetric` panics on them and kills node_exporter).
    var rejectReservedLabels: Bool

    /// A problem at one sample (its index in `family.samples`).
    struct Problem: Sendable, Hashable {
        var sampleIndex: Int
        var message: String
    }

    private struct SeriesKey: Hashable {
        var name: String
        var labels: Labels
    }

    /// One histogram/summary series at one time.
    private struct GroupKey: Hashable {
        var labels: Labels
        var timestamp: Timestamp?
    }

    /// Buckets (or quantiles) of one histogram (summary) series, in sample order.
    private struct Group {
        var firstIndex: Int
        var lastBound: Double?
        var lastBoundText = ""
        var infValue: Double?
        var count: (index: Int, value: Double)?
    }

    func validate(_ family: MetricFamily, kind: FamilyKind) -> [Problem] {
        var problems: [Problem] = []
        // Last timestamp per series: a series may repeat only with increasing timestamps
        // (OpenMetrics history, as `promtool tsdb create-blocks-from openmetrics` reads).
        var seen = [SeriesKey: Timestamp?](minimumCapacity: family.samples.count)
        var groups: [GroupKey: Group] = [:]
        var groupOrder: [GroupKey] = []
        let isHistogram = kind == .histogram || kind == .gaugeHistogram
        let boundLabel = isHistogram ? LabelName.bucketBound : LabelName.quantile
        for (index, sample) in family.samples.enumerated() {
            func report(_ message: String) { problems.append(Problem(sampleIndex: index, message: message)) }
            guard let role = kind.role(of: sample.name, family: family.name, format: format) else {
                report("sample \(sample.name) does not belong to \(kind.metricType.rawValue) family \(family.name) (expected \(kind.expectedNames(family: family.name, format: format)))")
                continue
            }
            if !checkLabelNames(sample, report: report) { continue }
            if rejectTimestamps, sample.timestamp != nil {
                report("sample \(sample.name) has a timestamp: node_exporter's textfile collector rejects client-side timestamps and drops the whole file")
            }
            let series = SeriesKey(name: sample.name, labels: sample.labels)
            if let previous = seen.updateValue(sample.timestamp, forKey: series) {
                guard let last = previous, let now = sample.timestamp else {
                    report("duplicate series \(seriesText(sample)): each name and label set must appear once")
                    continue
                }
                if now <= last {
                    report("sample of \(seriesText(sample)) at \(now.milliseconds)ms is not after the previous one at \(last.milliseconds)ms: a series' timestamps must increase")
                    continue
                }
            }
            guard kind == .summary || isHistogram else { continue }
            let bound = sample.labels[boundLabel]
            let needsBound = role == .bucket || role == .quantile
            if needsBound, bound == nil {
                report(role == .bucket
                    ? "histogram bucket \(sample.name) has no le label (expfmt silently drops it)"
                    : "summary sample \(sample.name) has no quantile label (expfmt silently drops it)")
                continue
            }
            if !needsBound, bound != nil, role != .created {
                let owner = isHistogram ? family.name + "_bucket" : family.name
                report("\(boundLabel) label is only allowed on \(owner), not on \(sample.name) (expfmt would drop it and merge series)")
                continue
            }
            let key = GroupKey(labels: sample.labels.removing([boundLabel]), timestamp: sample.timestamp)
            if groups[key] == nil {
                groups[key] = Group(firstIndex: index)
                groupOrder.append(key)
            }
            if isHistogram, role == .bucket || role == .count, !isCount(sample.value) {
                report("\(sample.name) must be a non-negative integer count, got \(GoFloat.format(sample.value))")
                continue
            }
            if kind == .summary, role == .count, !isCount(sample.value) {
                report("\(sample.name) must be a non-negative integer count, got \(GoFloat.format(sample.value))")
                continue
            }
            if role == .count { groups[key]?.count = (index, sample.value) }
            guard needsBound, let boundText = bound else { continue }
            guard let value = GoFloat.parse(boundText), !value.isNaN else {
                report("\(boundLabel)=\"\(boundText)\" is not a number (expected a float such as \"0.5\" or \"+Inf\")")
                continue
            }
            if let last = groups[key]?.lastBound, let lastText = groups[key]?.lastBoundText, value <= last {
                report(value == last
                    ? "duplicate \(boundLabel) bound \"\(boundText)\" (same as \"\(lastText)\")"
                    : "\(boundLabel)=\"\(boundText)\" comes after \(boundLabel)=\"\(lastText)\": \(isHistogram ? "buckets" : "quantiles") must be in increasing order")
                continue
            }
            groups[key]?.lastBound = value
            groups[key]?.lastBoundText = boundText
            if isHistogram, value == .infinity { groups[key]?.infValue = sample.value }
        }
        if isHistogram {
            for key in groupOrder {
                guard let group = groups[key] else { continue }
                guard let inf = group.infValue else {
                    problems.append(Problem(sampleIndex: group.firstIndex, message: "histogram \(family.name)\(key.labels.isEmpty ? "" : key.labels.description) has no bucket with le=\"+Inf\""))
                    continue
                }
                if let count = group.count, count.value != inf {
                    problems.append(Problem(sampleIndex: count.index, message: "\(family.samples[count.index].name) is \(GoFloat.format(count.value)) but the le=\"+Inf\" bucket is \(GoFloat.format(inf)); they must be equal"))
                }
            }
        }
        problems.sort { $0.sampleIndex < $1.sampleIndex }
        return problems
    }

    /// Label names a parser cannot produce but a caller of the encoder can.
    private func checkLabelNames(_ sample: MetricSample, report: (String) -> Void) -> Bool {
        for label in sample.labels {
            if !MetricNames.isValidLabelName(label.name) {
                report("invalid label name \"\(label.name)\" on \(sample.name) (expected [a-zA-Z_][a-zA-Z0-9_]*)")
                return false
            }
            if label.name == LabelName.metricName {
                report("label name __name__ is reserved")
                return false
            }
            if rejectReservedLabels, label.name.hasPrefix("__") {
                report("label name \"\(label.name)\" starts with __, which is reserved: node_exporter's textfile collector panics on it")
                return false
            }
        }
        return true
    }

    /// expfmt keeps histogram and summary counts as `uint64`: anything else is mangled.
    private func isCount(_ value: Double) -> Bool {
        value >= 0 && value < 0x1p64 && value == value.rounded(.towardZero)
    }

    private func seriesText(_ sample: MetricSample) -> String {
        sample.labels.isEmpty ? sample.name : sample.name + sample.labels.description
    }
}
