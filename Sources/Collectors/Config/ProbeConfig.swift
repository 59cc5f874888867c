import ConfigYAML
public import Model
public import PackingCore
import Yams

/// `sources.probes` in binwatch.yml: synthetic probes, blackbox_exporter style.
public struct ProbesConfig: Sendable, Equatable {
    /// `sources.probes.putaway`: one mapping, or a list of them (one per facility or algorithm).
    public var putaway: [PutawayProbeConfig]

    /// Probes with the given configurations.
    public init(putaway: [PutawayProbeConfig] = []) { self.putaway = putaway }
}

/// One putaway probe: plan a synthetic batch against a facility's bins every cycle.
///
/// ```yaml
/// sources:
///   probes:
///     putaway:
///       facility: FAC-01            # the facility label, and $1 of both queries
///       algorithm: HYBRID           # FFD | BFD | HYBRID
///       batch_size: 50              # lines per synthetic batch
///       bins_from: wms              # a sources.postgres name … (bins_query optional)
///       # bins_file: probes/bins.json
///       items_from: wms             # … or items_file: probes/items.json
///       time_budget_ms: 0           # consolidation search budget (0: off)
///       bins_refresh_interval: 5m   # bins and materials are reloaded this often, not every cycle
///       labels: {site: plant-1}
/// ```
public struct PutawayProbeConfig: Sendable, Equatable {
    /// Where bins or items come from.
    public enum Input: Sendable, Equatable {
        /// A JSON file in `binwatch probe putaway`'s format (docs/probe-putaway.md), path resolved.
        case file(String)
        /// A query on a `sources.postgres` entry's database; `$1` is the facility.
        case postgres(source: String, query: String)
    }

    /// The `facility` label and the queries' `$1`.
    public var facility: String
    /// The planner's algorithm (the `algorithm` label).
    public var algorithm: PutawayAlgorithm
    /// Lines per synthetic batch.
    public var batchSize: Int
    /// Where the bins come from.
    public var bins: Input
    /// Where the batch's lines (or the materials they are sampled from) come from.
    public var items: Input
    /// Consolidation search budget in milliseconds; 0 turns it off.
    public var timeBudgetMs: Int
    /// How often bins and items are reloaded.
    public var binsRefreshInterval: PromDuration
    /// Least time between two planner runs; 0 (default) runs on every collect.
    public var interval: PromDuration
    /// Added to every series of the probe.
    public var labels: Labels
    /// Where the entry starts.
    public var location: SourceLocation

    /// Default `batch_size`, the seeds' batch.
    public static let defaultBatchSize = 50
    /// Default `bins_refresh_interval`.
    public static let defaultRefreshInterval = PromDuration(seconds: 300)

    static let keys = [
        "facility", "algorithm", "batch_size", "bins_from", "bins_file", "bins_query", "items_from", "items_file",
        "items_query", "time_budget_ms", "bins_refresh_interval", "interval", "labels",
    ]

    static func decode(_ node: ConfigNode, postgres: [PostgresSourceConfig]) -> PutawayProbeConfig? {
        guard let entries = node.mapping(allowed: keys) else { return nil }
        var ok = true

        let facility = entries["facility"]?.nonEmptyString(expected: "a facility id (the facility label, $1 of the queries)")
        if entries["facility"] == nil { node.missing("facility", expected: "a facility id (the facility label)") }
        ok = ok && facility != nil

        var algorithm = PutawayAlgorithm.hybrid
        if let algorithmNode = entries["algorithm"] {
            if let text = algorithmNode.string(expected: "FFD, BFD or HYBRID"), let parsed = PutawayAlgorithm(rawValue: text) {
                algorithm = parsed
            } else {
                if case .scalar(_) = algorithmNode.node { algorithmNode.fail(expected: "FFD, BFD or HYBRID") }
                ok = false
            }
        }

        let batchSize = entries["batch_size"].map { $0.integer(in: 1...10_000) } ?? defaultBatchSize
        let budget = entries["time_budget_ms"].map { $0.integer(in: 0...60_000) } ?? 0
        ok = ok && batchSize != nil && budget != nil

        let refresh = entries["bins_refresh_interval"].map { $0.positiveDuration() } ?? defaultRefreshInterval
        let interval = entries["interval"].map { $0.positiveDuration(allowZero: true) } ?? PromDuration(seconds: 0)
        ok = ok && refresh != nil && interval != nil

        let bins = input(
            entries, node: node, kind: "bins", defaultQuery: PutawayProbeQueries.bins, postgres: postgres)
        let items = input(
            entries, node: node, kind: "items", defaultQuery: PutawayProbeQueries.items, postgres: postgres)
        ok = ok && bins != nil && items != nil

        var labels = Labels()
        if let labelsNode = entries["labels"] {
            if let pairs = labelsNode.labelEntries() {
                for pair in pairs where pair.name == "facility" || pair.name == "algorithm" {
                    pair.node.fail(expected: "a label other than facility and algorithm (set by their own keys)",
                                   found: "\"\(pair.name)\"")
                    ok = false
                }
                labels = Labels(pairs.map { Label(name: $0.name, value: $0.value) })
            } else {
                ok = false
            }
        }

        guard ok, let facility, let batchSize, let budget, let refresh, let interval, let bins, let items else { return nil }
        return PutawayProbeConfig(
            facility: facility, algorithm: algorithm, batchSize: batchSize, bins: bins, items: items,
            timeBudgetMs: budget, binsRefreshInterval: refresh, interval: interval, labels: labels,
            location: node.location)
    }

    /// `<kind>_from` + `<kind>_query`, or `<kind>_file`: exactly one source.
    private static func input(
        _ entries: [String: ConfigNode], node: ConfigNode, kind: String, defaultQuery: String,
        postgres: [PostgresSourceConfig]
    ) -> Input? {
        let from = entries["\(kind)_from"], file = entries["\(kind)_file"], query = entries["\(kind)_query"]
        switch (from, file) {
        case (nil, nil):
            node.missing("\(kind)_from", expected: "\(kind)_from (a sources.postgres name) or \(kind)_file (a JSON file)")
            return nil
        case (.some, .some(let file)):
            file.fail(expected: "\(kind)_from or \(kind)_file, not both", found: "both")
            return nil
        case (nil, .some(let file)):
            if let query {
                query.fail(expected: "\(kind)_query only with \(kind)_from", found: "\(kind)_query with \(kind)_file")
                return nil
            }
            guard let path = file.nonEmptyString(expected: "a path to a JSON file") else { return nil }
            return .file(resolve(path, relativeTo: node.file))
        case (.some(let from), nil):
            guard let name = from.nonEmptyString(expected: "the name of a sources.postgres entry") else { return nil }
            guard postgres.contains(where: { $0.name == name }) else {
                let known = postgres.map { "\"\($0.name)\"" }.joined(separator: ", ")
                from.fail(expected: "the name of a sources.postgres entry (\(known.isEmpty ? "there is none" : known))")
                return nil
            }
            var sql = defaultQuery
            if let query {
                guard let text = query.nonEmptyString(expected: "an SQL query ($1 is the facility)") else { return nil }
                sql = text
            }
            return .postgres(source: name, query: sql)
        }
    }

    /// Relative paths are taken from the config file's directory, as collector globs are.
    static func resolve(_ path: String, relativeTo configFile: String) -> String {
        guard !path.hasPrefix("/"), let slash = configFile.lastIndex(of: "/") else { return path }
        return String(configFile[..<slash]) + "/" + path
    }
}

extension ConfigNode {
    /// An integer in `range`; nil (reported) otherwise.
    func integer(in range: ClosedRange<Int>) -> Int? {
        let expected = "an integer from \(range.lowerBound) to \(range.upperBound)"
        guard let text = string(expected: expected) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            fail(expected: expected)
            return nil
        }
        return value
    }

    /// A duration greater than 0s (or ≥ 0s with `allowZero`).
    func positiveDuration(allowZero: Bool = false) -> PromDuration? {
        guard let parsed = duration() else { return nil }
        guard parsed > .zero || (allowZero && parsed == .zero) else {
            fail(expected: allowZero ? "a duration of 0s or more" : "a duration greater than 0s")
            return nil
        }
        return parsed
    }
}

extension SourcesConfig {
    /// Decodes `sources.probes` into `probes` and takes the kind off `notDecoded`.
    /// `sources.postgres` must be decoded first (`bins_from` names one of its entries).
    mutating func decodeProbes(_ node: ConfigNode?) {
        guard let node, let entries = node.mapping(allowed: ["putaway"]) else { return }
        var probes = ProbesConfig()
        if let putaway = entries["putaway"] {
            let elements: [ConfigNode]
            if case .sequence(_) = putaway.node {
                elements = putaway.sequence(expected: "a putaway probe or a list of them") ?? []
            } else {
                elements = [putaway]
            }
            for element in elements {
                guard let probe = PutawayProbeConfig.decode(element, postgres: postgres) else { continue }
                if let twin = probes.putaway.first(where: {
                    $0.facility == probe.facility && $0.algorithm == probe.algorithm && $0.labels == probe.labels
                }) {
                    element.fail(
                        expected: "a facility, algorithm or labels that tell this probe apart",
                        found: "the same as the probe at \(twin.location)")
                    continue
                }
                probes.putaway.append(probe)
            }
        }
        self.probes = probes
        notDecoded.removeAll { $0.hasSuffix(": sources.probes") }
    }
}
