import Exposition
import Foundation
public import Model
public import PostgresClient

/// A PostgreSQL source from binwatch.yml with its collector files read and decoded.
public struct LoadedPostgresSource: Sendable {
    /// The entry of binwatch.yml.
    public var config: PostgresSourceConfig
    /// Its collector files, sorted by path.
    public var collectors: [CollectorFile]

    /// The runnable source, with its own libpq session (nothing is sent until it collects).
    /// - Parameter options: session options; `query_timeout` is applied per query.
    public func makeSource(options: ConnectionOptions = ConnectionOptions()) throws(PostgresError) -> PostgresSource {
        let connection = try Connection(conninfo: config.dsn, options: options)
        return PostgresSource(
            name: config.name, executor: connection, collectors: collectors, labels: config.labels,
            queryTimeout: .milliseconds(config.queryTimeout.milliseconds))
    }
}

/// Reads binwatch.yml's `sources:` and every collector file its globs name.
public enum SourcesLoader {
    /// - Parameters:
    ///   - path: binwatch.yml; collector globs are relative to its directory.
    ///   - environment: for `${VAR}` in `dsn`.
    /// - Throws: `ConfigErrors`: every problem in the config and the collector files, with file:line:col.
    public static func load(configPath path: String, environment: [String: String]) throws(ConfigErrors) -> [LoadedPostgresSource] {
        try loadAll(configPath: path, environment: environment).postgres
    }

    /// What `load` returns, plus the source kinds in the file that this module does not run.
    public struct LoadedSources: Sendable {
        /// The PostgreSQL sources, ready to run.
        public var postgres: [LoadedPostgresSource]
        /// `file:line:col: sources.<kind>` for each kind present but not decoded here.
        public var notDecoded: [String]
        /// `sources.statistics`; each names one of `postgres`.
        public var statistics: [StatisticsAnalysis] = []
        /// The whole decoded `sources:` section (scrape jobs, probes, …).
        public var config = SourcesConfig()
    }

    /// As `load`, also naming the source kinds present that this module does not run.
    /// - Throws: `ConfigErrors`, as `load`.
    public static func loadAll(configPath path: String, environment: [String: String]) throws(ConfigErrors) -> LoadedSources {
        let text: String
        guard FileManager.default.fileExists(atPath: path) else {
            throw ConfigErrors([ConfigError(
                location: SourceLocation(file: path, line: 0, column: 0), keyPath: "",
                expected: "a configuration file", found: "no such file")])
        }
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigErrors([ConfigError(
                location: SourceLocation(file: path, line: 0, column: 0), keyPath: "",
                expected: "a readable UTF-8 file", found: Self.reason(error))])
        }
        return try loadAll(yaml: text, configPath: path, environment: environment)
    }

    /// As `loadAll(configPath:environment:)` for a config already read (the daemon reads
    /// binwatch.yml once and hands every section the same text).
    /// - Parameters:
    ///   - text: the whole binwatch.yml.
    ///   - path: where it was read from; collector globs are relative to its directory.
    ///   - environment: for `${VAR}` in `dsn`.
    /// - Throws: `ConfigErrors`, as `load`.
    public static func loadAll(
        yaml text: String, configPath path: String, environment: [String: String]
    ) throws(ConfigErrors) -> LoadedSources {
        let config = try SourcesConfig.decode(yaml: text, file: path, environment: environment)
        let directory = (path as NSString).deletingLastPathComponent
        var errors: [ConfigError] = []
        var loaded: [LoadedPostgresSource] = []
        for source in config.postgres {
            var collectors: [CollectorFile] = []
            for glob in source.collectorFiles {
                let matches = expand(glob.pattern, relativeTo: directory)
                if matches.isEmpty {
                    errors.append(ConfigError(
                        location: glob.location, keyPath: glob.keyPath,
                        expected: "a glob matching at least one collector file", found: "no files for \"\(glob.pattern)\""))
                }
                for file in matches where !collectors.contains(where: { $0.file == file }) {
                    do {
                        let contents = try String(contentsOfFile: file, encoding: .utf8)
                        collectors.append(try CollectorFile.decode(yaml: contents, file: file))
                    } catch let error as ConfigErrors {
                        errors += error.errors
                    } catch {
                        errors.append(ConfigError(
                            location: glob.location, keyPath: glob.keyPath,
                            expected: "readable collector files", found: "\(file): \(Self.reason(error))"))
                    }
                }
            }
            errors += duplicates(in: collectors, source: source)
            loaded.append(LoadedPostgresSource(config: source, collectors: collectors))
        }
        guard errors.isEmpty else { throw ConfigErrors(errors) }
        return LoadedSources(
            postgres: loaded, notDecoded: config.notDecoded, statistics: config.statistics, config: config)
    }

    /// Collector names must be unique within a source (they label the self metrics), and a
    /// metric name used by two collectors must mean one family (same type and help).
    static func duplicates(in collectors: [CollectorFile], source: PostgresSourceConfig) -> [ConfigError] {
        var errors: [ConfigError] = []
        var names: [String: String] = [:]
        var metrics: [String: (collector: String, metric: CollectorFile.Metric)] = [:]
        for collector in collectors {
            if let first = names[collector.collectorName] {
                errors.append(ConfigError(
                    location: SourceLocation(file: collector.file, line: 1, column: 1), keyPath: "collector_name",
                    expected: "a collector name unique in source \"\(source.name)\"",
                    found: "\"\(collector.collectorName)\" also in \(first)"))
            }
            names[collector.collectorName] = collector.file
            for (index, metric) in collector.metrics.enumerated() {
                // Two collectors may feed one family (their series are merged on output),
                // but only if they agree on what it is.
                if let first = metrics[metric.name], first.collector != collector.collectorName,
                   first.metric.type != metric.type || first.metric.help != metric.help {
                    errors.append(ConfigError(
                        location: metric.location, keyPath: "metrics[\(index)].metric_name",
                        expected: "the same type and help as \"\(metric.name)\" in collector \"\(first.collector)\" at \(first.metric.location)",
                        found: "\(metric.type.rawValue) \"\(metric.help)\""))
                }
                metrics[metric.name] = metrics[metric.name] ?? (collector.collectorName, metric)
            }
        }
        return errors
    }

    /// The files `pattern` matches, sorted; relative patterns are taken from `directory`.
    static func expand(_ pattern: String, relativeTo directory: String) -> [String] {
        let full = pattern.hasPrefix("/") || directory.isEmpty ? pattern : directory + "/" + pattern
        var matches = glob_t()
        defer { globfree(&matches) }
        guard glob(full, 0, nil, &matches) == 0 else { return [] }
        var paths: [String] = []
        for index in 0..<Int(matches.gl_pathc) {
            if let path = matches.gl_pathv[index] { paths.append(String(cString: path)) }
        }
        return paths.sorted().filter { !Self.isDirectory($0) }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           let message = strerror(Int32(underlying.code)) {
            return String(cString: message)
        }
        return nsError.localizedDescription
    }
}
