import ConfigYAML
public import Model

extension BinwatchConfig {
    /// `query:`: the PromQL engine's limits, with Prometheus's names and defaults
    /// (`--query.timeout`, `--query.max-samples`, `--query.max-concurrency`,
    /// `--query.lookback-delta`). They bind HTTP queries, rule and template queries and
    /// health checks alike.
    public struct Query: Sendable, Equatable {
        /// Longest a query may run, waiting for a slot included (Prometheus: 2m).
        public var timeout = PromDuration(seconds: 120)
        /// Most samples a query may load into memory at once (Prometheus: 50,000,000).
        public var maxSamples = 50_000_000
        /// Queries evaluated at once over HTTP; more wait for a slot (Prometheus: 20).
        public var maxConcurrency = 20
        /// How far back an instant selector looks for a sample (Prometheus: 5m).
        public var lookbackDelta = PromDuration(seconds: 300)

        public init() {}
    }

    static func decodeQuery(_ node: ConfigNode) -> Query {
        var query = Query()
        let keys = ["timeout", "max_samples", "max_concurrency", "lookback_delta"]
        guard let entries = node.mapping(allowed: keys) else { return query }
        if let value = entries["timeout"]?.duration() { query.timeout = value }
        if let value = entries["max_samples"]?.int(minimum: 1) { query.maxSamples = value }
        if let value = entries["max_concurrency"]?.int(minimum: 1) { query.maxConcurrency = value }
        if let value = entries["lookback_delta"]?.duration() { query.lookbackDelta = value }
        return query
    }
}
