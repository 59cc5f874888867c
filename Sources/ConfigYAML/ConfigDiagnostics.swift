public import Model
public import Yams

/// Collects every error (and warning) of one config file while its nodes are decoded, so
/// one run shows every problem. One per file and decode; never shared across tasks.
public final class ConfigDiagnostics {
    /// The file errors are reported against.
    public let file: String
    /// Where `${NAME}` references are looked up.
    public let environment: [String: String]
    /// Reads a `*_file` field's file (nil when unreadable); nil when files are not read
    /// (amtool does not read them at check time either).
    public let readFile: ((String) -> String?)?
    /// The errors, in the order they were found.
    public private(set) var errors: [ConfigError] = []
    /// Advice that does not make the file invalid (an inline secret, ignored documents).
    public private(set) var warnings: [ConfigError] = []

    /// Diagnostics for `file`.
    /// - Parameters:
    ///   - environment: variables `${NAME}` resolves from.
    ///   - readFile: reads `*_file` secrets; nil to leave them unread.
    public init(file: String, environment: [String: String] = [:], readFile: ((String) -> String?)? = nil) {
        self.file = file
        self.environment = environment
        self.readFile = readFile
    }

    /// Records an error.
    public func add(_ error: ConfigError) { errors.append(error) }

    /// Records a warning.
    public func warn(_ warning: ConfigError) { warnings.append(warning) }

    /// The root node of a config file's text, or nil with the error recorded (a YAML syntax
    /// error, an empty file, or a second document, which binwatch would otherwise silently drop).
    public func root(of text: String, expected: String = "a YAML mapping") -> ConfigNode? {
        let documents: [Node]
        do {
            documents = try YAMLDocuments.compose(text)
        } catch {
            add(ConfigError(syntax: error, file: file))
            return nil
        }
        guard let first = documents.first, !first.isYAMLNull else {
            add(ConfigError(location: SourceLocation(file: file, line: 1, column: 1), keyPath: "",
                            expected: expected, found: "an empty document"))
            return nil
        }
        for extra in documents.dropFirst() where !extra.isYAMLNull {
            ConfigNode(node: extra, keyPath: "", diagnostics: self)
                .fail(expected: "one YAML document (a --- separator starts a second)", found: "another document")
        }
        return ConfigNode(node: first, keyPath: "", diagnostics: self)
    }
}

extension ConfigError {
    /// The `ConfigError` for a YAML syntax error (the document's text is never echoed).
    public init(syntax error: YAMLSyntaxError, file: String) {
        let expected: String
        switch error.yamlError {
        case .duplicatedKeysInMapping?: expected = "each key once per mapping"
        case .reader?: expected = "UTF-8 YAML"
        default: expected = "valid YAML"
        }
        self.init(location: SourceLocation(file: file, line: error.line, column: error.column),
                  keyPath: "", expected: expected, found: error.problem)
    }
}
