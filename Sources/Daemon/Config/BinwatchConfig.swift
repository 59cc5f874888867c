public import Model
public import Notify
public import PromQL
public import Remote
public import Yams

/// binwatch.yml, decoded and validated (see ../shared/DESIGN.md for its shape). Every
/// string that meant a duration, a threshold or a query is already typed here.
public struct BinwatchConfig: Sendable {
    /// Where the config was read from; rule-file globs are relative to its folder.
    public var path: String
    public var global: Global
    /// Rule-file globs as written, each with where it was written.
    public var ruleFiles: [RuleFileGlob]
    public var sources: Sources
    public var healthChecks: [HealthCheckConfig]
    public var output: Output
    public var web: Web
    public var query: Query
    public var state: State
    /// `storage:` (BinwatchConfig+Storage.swift).
    public var storage = Storage()
    /// `remote_write:` (BinwatchConfig+RemoteWrite.swift), prometheus.yml's syntax.
    public var remoteWrite: [RemoteWriteConfig] = []
    /// The `alerting:` node, kept for Notify's own decoder (Alertmanager syntax).
    public var alerting: YAMLNode?
    /// `alerting:` decoded by Notify (BinwatchConfig+Alerting.swift); nil when absent.
    public var notify: NotifyConfig?

    /// `global:`.
    public struct Global: Sendable, Equatable {
        /// Default group interval, also the source-gathering interval (default 1m).
        public var evaluationInterval = PromDuration(seconds: 60)
        /// Added to alerts sent out and to every remote-written series that lacks the label, as
        /// Prometheus's `external_labels` (not to the local store, the textfile or the API).
        public var externalLabels: [String: String] = [:]
        /// `$externalURL` in templates and the alerts' generator URL base.
        public var externalURL = ""
        /// How long one source may take before its results are dropped for this cycle (default 10s,
        /// never more than the evaluation interval).
        public var sourceTimeout = PromDuration(seconds: 10)
        /// `--rules.alert.for-outage-tolerance` (default 1h).
        public var forOutageTolerance = PromDuration(seconds: 3600)
        /// `--rules.alert.for-grace-period` (default 10m).
        public var forGracePeriod = PromDuration(seconds: 600)
        /// `--rules.alert.resend-delay` (default 1m).
        public var resendDelay = PromDuration(seconds: 60)

        public init() {}
    }

    /// One `rule_files` entry.
    public struct RuleFileGlob: Sendable, Equatable {
        public var pattern: String
        public var location: SourceLocation
    }

    /// `sources:`. The textfile kind is decoded here; the other kinds (postgres, statistics,
    /// probes, scrape) belong to Collectors, whose decoder and factory build them
    /// (`LoadedConfig.collectorSources`); their nodes are kept for positioned errors.
    public struct Sources: Sendable {
        /// Prometheus text files read every cycle (node_exporter textfile style).
        public var textfiles: [TextfileSourceConfig] = []
        /// The rest of the `sources:` mapping (keys other than `textfile`), for Collectors.
        public var collectorNodes: [(key: String, node: YAMLNode)] = []

        public init() {}
    }

    /// `output:`.
    public struct Output: Sendable {
        /// The `.prom` file written atomically every cycle; nil = no textfile.
        public var textfile: String?
        /// Which gathered source series go to the textfile, as PromQL selectors (each a list
        /// of matchers; a series is written when any selector matches it).
        public var sourceMetrics: [[Matcher]] = []

        public init() {}
    }

    /// `state:`.
    public struct State: Sendable, Equatable {
        /// The SQLite file; nil = alert state is not kept across restarts.
        public var path: String?

        public init() {}
    }
}

/// One `sources.textfile` entry: a Prometheus text file re-read every cycle.
public struct TextfileSourceConfig: Sendable, Equatable {
    public var name: String
    public var path: String
}

/// One `health_checks` entry: a PromQL expression and the thresholds that map its value to
/// HEALTHY, DEGRADED or UNHEALTHY.
public struct HealthCheckConfig: Sendable {
    /// Which side of a threshold is bad.
    public enum Direction: String, Sendable, Equatable {
        case above, below
    }

    public var name: String
    public var expr: Expr
    /// The expression as written (for the API and messages).
    public var exprText: String
    public var direction: Direction
    public var degraded: Double?
    public var unhealthy: Double?
    /// A Go template with `$value` and `$labels`.
    public var message: String
    public var location: SourceLocation
}

/// A Yams node carried inside the (Sendable) config until its section's decoder reads it.
public struct YAMLNode: @unchecked Sendable {
    // `Yams.Node` is an immutable enum tree of value types (it only lacks the annotation),
    // so sharing it across tasks is safe.
    public let node: Node
}
