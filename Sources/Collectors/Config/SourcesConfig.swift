import ConfigYAML
public import Model
import Yams

/// The `sources:` section of binwatch.yml as far as this module decodes it: the
/// PostgreSQL sources. Other top-level keys belong to other parts of binwatch and are
/// not looked at here.
public struct SourcesConfig: Sendable {
    /// `sources.postgres`, in file order.
    public var postgres: [PostgresSourceConfig]
    /// Source kinds present in the file that this module does not decode (`sources.scrape` …),
    /// as `file:line:col: sources.<kind>`, so that callers can say they were not collected.
    public var notDecoded: [String]
    /// `sources.statistics`, in file order (decoded in StatisticsConfig+Decoding.swift).
    public var statistics: [StatisticsAnalysis] = []
    /// `sources.scrape`, in file order (Config/ScrapeConfig.swift).
    public var scrape: [ScrapeJobConfig] = []
    /// `sources.probes` (Config/ProbeConfig.swift).
    public var probes = ProbesConfig()

    /// A configuration with the given sources.
    public init(postgres: [PostgresSourceConfig] = [], notDecoded: [String] = []) {
        self.postgres = postgres
        self.notDecoded = notDecoded
    }

    /// Source kinds decoded by their own modules (scrape targets, statistics, probes), or
    /// by the daemon (`textfile`, files other jobs write); accepted here so that a config
    /// using them is not rejected by this decoder, and listed in `notDecoded`.
    static let decodedElsewhere = ["scrape", "statistics", "probes", "textfile"]

    /// Decodes `sources:` from the text of a binwatch.yml.
    /// - Parameters:
    ///   - text: the whole configuration file.
    ///   - file: its path as it should appear in errors.
    ///   - environment: for `${VAR}` expansion in `dsn`.
    /// - Throws: `ConfigErrors` with every problem found, each with file:line:col.
    public static func decode(
        yaml text: String, file: String, environment: [String: String]
    ) throws(ConfigErrors) -> SourcesConfig {
        let diagnostics = ConfigDiagnostics(file: file)
        var config = SourcesConfig()
        if let root = diagnostics.root(of: text) {
            config = decode(root: root, environment: environment)
            StatisticsConfig.decode(root: root, into: &config)
        }
        guard diagnostics.errors.isEmpty else { throw ConfigErrors(diagnostics.errors) }
        return config
    }

    private static func decode(root: ConfigNode, environment: [String: String]) -> SourcesConfig {
        guard case .mapping(let mapping) = root.node else {
            root.fail(expected: "a mapping at the top of the file")
            return SourcesConfig()
        }
        guard let sourcesValue = mapping.first(where: { $0.key.scalar?.string == "sources" })?.value else {
            return SourcesConfig()
        }
        let sourcesNode = root.child(sourcesValue, key: "sources")
        guard let entries = sourcesNode.mapping(allowed: ["postgres"] + decodedElsewhere) else { return SourcesConfig() }
        var postgres: [PostgresSourceConfig] = []
        if let list = entries["postgres"]?.sequence(expected: "a list of PostgreSQL sources") {
            for node in list {
                if let source = PostgresSourceConfig.decode(node, environment: environment) { postgres.append(source) }
            }
            checkDistinct(postgres, list: list)
        }
        let notDecoded = decodedElsewhere.compactMap { key in
            entries[key].map { "\($0.location): \($0.keyPath)" }
        }
        var config = SourcesConfig(postgres: postgres, notDecoded: notDecoded)
        config.decodeScrape(entries["scrape"])
        config.decodeProbes(entries["probes"])
        return config
    }

    /// Two sources with one name, or with identical `labels`, would emit the same
    /// `pg_up` series twice: an exposition no scraper can use.
    private static func checkDistinct(_ sources: [PostgresSourceConfig], list: [ConfigNode]) {
        for (index, source) in sources.enumerated() {
            guard let node = list.first(where: { $0.location == source.location }) else { continue }
            for earlier in sources[..<index] {
                if earlier.name == source.name {
                    node.fail(expected: "a source name not used before", found: "\"\(source.name)\" again (first at \(earlier.location))")
                } else if earlier.labels == source.labels {
                    node.fail(
                        expected: "labels that tell this source apart from \"\(earlier.name)\" (both emit pg_up\(source.labels.description))",
                        found: "the same labels")
                }
            }
        }
    }
}
