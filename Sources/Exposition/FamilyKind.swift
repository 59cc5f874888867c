/// A family's type as written in its `# TYPE` line, which decides the names its samples may
/// have. OpenMetrics has more types than `MetricType`; each maps onto the nearest one
/// (`info` and `stateset` are gauges of value 0/1, `gaugehistogram` a histogram, `unknown` untyped).
enum FamilyKind: Sendable, Hashable {
    case counter, gauge, histogram, gaugeHistogram, summary, untyped, info, stateset

    init(_ type: MetricType) {
        switch type {
        case .counter: self = .counter
        case .gauge: self = .gauge
        case .histogram: self = .histogram
        case .summary: self = .summary
        case .untyped: self = .untyped
        }
    }

    /// The type word of a `# TYPE` line: case-insensitive in 0.0.4 (as expfmt), exact in OpenMetrics.
    init?(typeName: String, format: ExpositionFormat) {
        switch format {
        case .prometheusText:
            switch typeName.lowercased() {
            case "counter": self = .counter
            case "gauge": self = .gauge
            case "histogram": self = .histogram
            case "summary": self = .summary
            case "untyped": self = .untyped
            default: return nil
            }
        case .openMetrics:
            switch typeName {
            case "counter": self = .counter
            case "gauge": self = .gauge
            case "histogram": self = .histogram
            case "gaugehistogram": self = .gaugeHistogram
            case "summary": self = .summary
            case "unknown": self = .untyped
            case "info": self = .info
            case "stateset": self = .stateset
            default: return nil
            }
        }
    }

    static func expectedTypes(_ format: ExpositionFormat) -> String {
        switch format {
        case .prometheusText: "counter, gauge, histogram, summary or untyped"
        case .openMetrics: "counter, gauge, histogram, gaugehistogram, summary, info, stateset or unknown"
        }
    }

    var metricType: MetricType {
        switch self {
        case .counter: .counter
        case .gauge, .info, .stateset: .gauge
        case .histogram, .gaugeHistogram: .histogram
        case .summary: .summary
        case .untyped: .untyped
        }
    }

    /// The type word Prometheus's parsers give this kind (`textparse.MetricType`): 0.0.4's
    /// `untyped` is `unknown` there, as in OpenMetrics.
    var metadataType: String {
        switch self {
        case .counter: "counter"
        case .gauge: "gauge"
        case .histogram: "histogram"
        case .gaugeHistogram: "gaugehistogram"
        case .summary: "summary"
        case .untyped: "unknown"
        case .info: "info"
        case .stateset: "stateset"
        }
    }

    /// What one sample line of a family means.
    enum Role: Sendable, Hashable { case value, bucket, quantile, sum, count, created }

    /// The sample-name suffixes a family of this kind owns, with their roles.
    func suffixes(_ format: ExpositionFormat) -> [(suffix: String, role: Role)] {
        switch (self, format) {
        case (.histogram, .prometheusText): [("_bucket", .bucket), ("_sum", .sum), ("_count", .count)]
        case (.summary, .prometheusText): [("", .quantile), ("_sum", .sum), ("_count", .count)]
        case (.histogram, .openMetrics): [("_bucket", .bucket), ("_sum", .sum), ("_count", .count), ("_created", .created)]
        case (.gaugeHistogram, _): [("_bucket", .bucket), ("_gsum", .sum), ("_gcount", .count)]
        case (.summary, .openMetrics): [("", .quantile), ("_sum", .sum), ("_count", .count), ("_created", .created)]
        case (.counter, .openMetrics): [("_total", .value), ("_created", .created)]
        case (.info, .openMetrics): [("_info", .value)]
        default: [("", .value)]
        }
    }

    /// The role of `sampleName` in the family `familyName`, or nil when the name is not one of its own.
    func role(of sampleName: String, family familyName: String, format: ExpositionFormat) -> Role? {
        guard sampleName.utf8.starts(with: familyName.utf8) else { return nil }
        let suffix = sampleName.utf8.dropFirst(familyName.utf8.count)
        for (candidate, role) in suffixes(format) where suffix.elementsEqual(candidate.utf8) {
            return role
        }
        return nil
    }

    /// `x_bucket, x_sum or x_count`, for messages.
    func expectedNames(family: String, format: ExpositionFormat) -> String {
        let names = suffixes(format).map { family + $0.suffix }
        guard names.count > 1, let last = names.last else { return names.first ?? family }
        return names.dropLast().joined(separator: ", ") + " or " + last
    }
}
