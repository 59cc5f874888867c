/// What a family's `# TYPE`, `# HELP` and `# UNIT` lines say, as Prometheus keeps it per
/// scrape target and answers it on `/api/v1/metadata` (`scrape.MetricMetadata`).
public struct MetricMetadata: Sendable, Hashable {
    /// The family name as written in its metadata lines (`http_request_duration_seconds`,
    /// not `…_bucket`).
    public var metric: String
    /// Prometheus's type word: `counter`, `gauge`, `histogram`, `gaugehistogram`, `summary`,
    /// `info`, `stateset`, or `unknown` (0.0.4's `untyped`, or no TYPE line).
    public var type: String
    /// The HELP text, empty when there was none.
    public var help: String
    /// The OpenMetrics UNIT, empty when there was none.
    public var unit: String

    public init(metric: String, type: String, help: String = "", unit: String = "") {
        self.metric = metric
        self.type = type
        self.help = help
        self.unit = unit
    }

    /// The metadata of families built in code (binwatch's own collectors), which have no
    /// lines to read: each family with a HELP text, a unit or a type other than untyped, as a
    /// scrape of their exposition would have given.
    public static func of(_ families: [MetricFamily]) -> [MetricMetadata] {
        families.compactMap { family in
            guard family.help != nil || family.type != .untyped || family.unit != nil else { return nil }
            return MetricMetadata(
                metric: family.name, type: FamilyKind(family.type).metadataType, help: family.help ?? "",
                unit: family.unit ?? "")
        }
    }
}

/// A parsed exposition: its families, and the metadata of every family that had HELP, TYPE
/// or UNIT lines (also those without samples, which `families` leaves out as expfmt does,
/// but Prometheus's scrape cache keeps).
public struct ParsedExposition: Sendable {
    public var families: [MetricFamily]
    public var metadata: [MetricMetadata]
}
