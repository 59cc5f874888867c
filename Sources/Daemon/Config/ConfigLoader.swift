public import Collectors
public import Foundation
public import Model
public import Rules
import ConfigYAML

/// A config and the rule files it names, all read and validated.
public struct LoadedConfig: Sendable {
    public var config: BinwatchConfig
    /// Decoded rule files, in glob order then path order (as Prometheus sorts glob matches).
    public var ruleFiles: [RuleFile]
    /// The sources Collectors built from `sources:` (every kind but `textfile`, which the
    /// daemon reads itself), through the factory `binwatch collect` uses too. Nothing is
    /// connected until the first gathering pass.
    public var collectorSources: [any Source] = []
    /// The file as written with every secret shown as `<secret>` (the status page).
    public var redactedText = ""
}

/// Everything wrong with a config and its rule files.
public struct ConfigLoadErrors: Error, Sendable, CustomStringConvertible {
    public var configErrors: [ConfigError]
    public var ruleErrors: [RuleFileError]

    public var description: String {
        (configErrors.map(\.description) + ruleErrors.filter { !$0.isLint }.map(\.description)).joined(separator: "\n")
    }

    /// Number of errors (lint findings excluded).
    public var count: Int { configErrors.count + ruleErrors.filter { !$0.isLint }.count }
}

/// Reads binwatch.yml, expands `${ENV}`, decodes every section and loads the rule files
/// it names (globs relative to the config's folder), collecting every error.
public struct ConfigLoader: Sendable {
    public var environment: [String: String]
    /// Whether `*_file` secrets (`alerting:`'s `api_url_file`, `password_file`, ...) are read.
    /// The daemon reads them at load and reload, so a missing file is an error then (and a
    /// reload keeps the old config); `binwatch check config` leaves them unopened, as
    /// `amtool check-config` does (Alertmanager reads them only when it sends).
    public var readsSecretFiles: Bool

    /// - Parameters:
    ///   - environment: where `${NAME}` values come from (the process environment by default).
    ///   - readsSecretFiles: whether `*_file` secrets are read (true but for checking).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, readsSecretFiles: Bool = true) {
        self.environment = environment
        self.readsSecretFiles = readsSecretFiles
    }

    /// Loads `path`.
    /// - Throws: `ConfigLoadErrors` listing every problem with its file:line:col.
    public func load(path: String) throws(ConfigLoadErrors) -> LoadedConfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigLoadErrors(
                configErrors: [fileError(path, expected: "a readable UTF-8 file", found: Self.describe(error))], ruleErrors: [])
        }
        return try load(text: text, path: path)
    }

    /// Loads config text as if read from `path` (rule globs resolve against `path`'s folder).
    /// - Throws: `ConfigLoadErrors`.
    public func load(text: String, path: String) throws(ConfigLoadErrors) -> LoadedConfig {
        var readFile: ((String) -> String?)?
        if readsSecretFiles {
            let folder = Self.directory(of: path)
            readFile = { file in
                // Relative to the config's folder, as Alertmanager resolves `*_file` paths.
                try? String(contentsOfFile: file.hasPrefix("/") ? file : folder + "/" + file, encoding: .utf8)
            }
        }
        let diagnostics = ConfigDiagnostics(file: path, environment: environment, readFile: readFile)
        guard let root = diagnostics.root(of: text, expected: "a mapping of binwatch.yml sections") else {
            throw ConfigLoadErrors(configErrors: diagnostics.errors, ruleErrors: [])
        }
        var config = BinwatchConfig.decode(root, path: path)
        let collectorSources = buildCollectorSources(config.sources, text: text, path: path, diagnostics)
        if config.global.sourceTimeout > config.global.evaluationInterval {
            config.global.sourceTimeout = config.global.evaluationInterval
        }
        var ruleErrors: [RuleFileError] = []
        var ruleFiles: [RuleFile] = []
        let decoder = RuleFileDecoder()
        for glob in config.ruleFiles {
            let matches = FileGlob.expand(glob.pattern, relativeTo: Self.directory(of: path))
            if matches.isEmpty && !FileGlob.hasMagic(glob.pattern) {
                diagnostics.add(ConfigError(
                    location: glob.location, keyPath: "rule_files", expected: "an existing rule file",
                    found: "no file at \(glob.pattern)"))
            }
            for file in matches {
                guard let contents = try? String(contentsOfFile: file, encoding: .utf8) else {
                    ruleErrors.append(RuleFileError(file: file, message: "open \(file): cannot read the file as UTF-8"))
                    continue
                }
                do {
                    ruleFiles.append(try decoder.decode(contents, path: file))
                } catch {
                    ruleErrors += error.errors
                }
            }
        }
        checkDuplicateGroups(ruleFiles, &ruleErrors)
        config.notify = decodeAlerting(config, diagnostics)  // BinwatchConfig+Alerting.swift
        if !diagnostics.errors.isEmpty || ruleErrors.contains(where: { !$0.isLint }) {
            throw ConfigLoadErrors(configErrors: diagnostics.errors, ruleErrors: ruleErrors)
        }
        return LoadedConfig(
            config: config, ruleFiles: ruleFiles, collectorSources: collectorSources,
            redactedText: RedactedAlertingConfig.wholeConfigText(of: root.node))
    }

    /// Decodes `sources:` with Collectors' decoder (collector files included) and builds its
    /// sources through Collectors' factory, so a source kind Collectors learns runs here with
    /// no change in the daemon. Kinds present in the file that Collectors does not decode yet
    /// (besides `textfile`, the daemon's own) are rejected rather than silently ignored.
    private func buildCollectorSources(
        _ sources: BinwatchConfig.Sources, text: String, path: String, _ diagnostics: ConfigDiagnostics
    ) -> [any Source] {
        let loaded: SourcesLoader.LoadedSources
        do {
            loaded = try SourcesLoader.loadAll(yaml: text, configPath: path, environment: environment)
        } catch {
            for problem in error.errors { diagnostics.add(problem) }
            return []
        }
        // Collectors names them as `file:line:col: sources.<kind>`; the node says where.
        for (key, node) in sources.collectorNodes where loaded.notDecoded.contains(where: { $0.hasSuffix(": sources.\(key)") }) {
            ConfigNode(node: node.node, keyPath: "sources.\(key)", diagnostics: diagnostics).fail(
                expected: "a source kind this build runs (textfile, or a kind Collectors decodes, such as postgres)",
                found: "\"\(key)\", which Collectors does not decode yet")
        }
        do {
            return try loaded.makeSources()
        } catch {
            for problem in error.errors { diagnostics.add(problem) }
            return []
        }
    }

    /// Prometheus rejects two groups with one name in one file (rulefmt does that per file;
    /// across files the group key includes the file, so they may repeat).
    private func checkDuplicateGroups(_ files: [RuleFile], _ errors: inout [RuleFileError]) {
        var seenFiles = Set<String>()
        for file in files where !seenFiles.insert(file.path).inserted {
            errors.append(RuleFileError(file: file.path, message: "rule file matched by more than one rule_files glob"))
        }
    }

    private func fileError(_ path: String, expected: String, found: String) -> ConfigError {
        ConfigError(location: SourceLocation(file: path, line: 0, column: 0), keyPath: "", expected: expected, found: found)
    }

    static func directory(of path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().path
    }

    static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain && nsError.code == NSFileReadNoSuchFileError { return "no such file" }
        return nsError.localizedDescription
    }
}
