import ConfigYAML
public import Model
import PostgresClient
import Yams

/// One entry of `sources.postgres` in binwatch.yml.
public struct PostgresSourceConfig: Sendable {
    /// A `collector_files` glob with where it was written, for errors about what it matched.
    public struct CollectorGlob: Sendable, Equatable {
        /// The glob as written; relative ones are taken from the config file's directory.
        public var pattern: String
        /// Where the glob is written.
        public var location: SourceLocation
        /// `sources.postgres[i].collector_files[j]`.
        public var keyPath: String
    }

    /// The source name (unique among `sources.postgres`).
    public var name: String
    /// The libpq conninfo or URI after `${VAR}` expansion; printed only as `<secret>`.
    public var dsn: Secret
    /// Per-statement timeout, enforced on the server (`query_timeout`, default 10s).
    public var queryTimeout: PromDuration
    /// The `collector_files` globs.
    public var collectorFiles: [CollectorGlob]
    /// Attached to every series this source emits (`pg_up{job="postgres-exporter"}`).
    public var labels: Labels
    /// Where the entry starts.
    public var location: SourceLocation

    /// `query_timeout` when the entry gives none (sql_exporter's default scrape timeout).
    public static let defaultQueryTimeout = PromDuration(seconds: 10)

    /// `collectors` is the spelling of the design notes' example; `collector_files` is
    /// sql_exporter's and the documented one. Either, not both.
    static let keys = ["name", "dsn", "query_timeout", "collector_files", "labels", "collectors"]

    /// Decodes one entry, reporting every problem to `node`'s diagnostics.
    static func decode(_ node: ConfigNode, environment: [String: String]) -> PostgresSourceConfig? {
        guard let entries = node.mapping(allowed: keys) else { return nil }
        var ok = true

        let name = entries["name"]?.nonEmptyString(expected: "a non-empty source name")
        if entries["name"] == nil { node.missing("name", expected: "a source name") }
        ok = ok && name != nil

        let dsn = entries["dsn"].flatMap { decodeDSN($0, environment: environment) }
        if entries["dsn"] == nil {
            node.missing("dsn", expected: "a libpq connection string or URI (\"\" uses the PG* environment)")
        }
        ok = ok && dsn != nil

        var timeout = defaultQueryTimeout
        if let timeoutNode = entries["query_timeout"] {
            switch timeoutNode.duration(positive: false) {
            case let parsed? where parsed > .zero: timeout = parsed
            case .some: timeoutNode.fail(expected: "a duration greater than 0s"); ok = false
            case nil: ok = false
            }
        }

        var globs: [CollectorGlob] = []
        if let both = entries["collectors"], entries["collector_files"] != nil {
            both.fail(expected: "collector_files or collectors, not both", found: "both")
            ok = false
        }
        if let filesNode = entries["collector_files"] ?? entries["collectors"] {
            if let list = filesNode.stringList(expected: "glob patterns of collector files") {
                globs = list.map { CollectorGlob(pattern: $0.0, location: $0.1.location, keyPath: $0.1.keyPath) }
                if list.isEmpty { filesNode.fail(expected: "at least one collector file glob", found: "an empty list") }
            }
            ok = ok && !globs.isEmpty
        } else {
            node.missing("collector_files", expected: "a list of collector file globs")
            ok = false
        }

        var labels = Labels()
        if let labelsNode = entries["labels"] {
            if let pairs = labelsNode.labelEntries() {
                labels = Labels(pairs.map { Label(name: $0.name, value: $0.value) })
            } else {
                ok = false
            }
        }

        guard ok, let name, let dsn else { return nil }
        return PostgresSourceConfig(
            name: name, dsn: dsn, queryTimeout: timeout, collectorFiles: globs, labels: labels, location: node.location)
    }

    /// Expands `${VAR}` and checks libpq can parse the result; never prints the value.
    private static func decodeDSN(_ node: ConfigNode, environment: [String: String]) -> Secret? {
        guard case .scalar(let scalar) = node.node else {
            node.fail(expected: "a libpq connection string or URI")
            return nil
        }
        switch EnvironmentExpansion.expand(scalar.string, environment: environment) {
        case .failure(let failure):
            switch failure {
            case .undefined(let variable):
                node.fail(expected: "environment variable \(variable) to be set", found: "it unset")
            case .unterminated:
                node.fail(expected: "${VAR} references closed by }", found: "an unterminated ${")
            }
            return nil
        case .success(let expanded):
            let secret = Secret(expanded)
            do {
                _ = try ConnectionString(secret)
            } catch {
                // The message is already redacted by ConnectionString.
                node.fail(expected: "a libpq connection string or URI", found: error.message)
                return nil
            }
            return secret
        }
    }
}
