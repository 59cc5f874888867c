public import Model

/// One problem in the `alerting:` section, located at the YAML node that caused it.
/// Messages never quote a secret's value.
public struct NotifyConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the offending node starts.
    public var location: SourceLocation
    /// Dotted path to the key, e.g. `alerting.receivers[1].slack_configs[0].api_url_file`.
    public var keyPath: String
    /// What was expected and what was found.
    public var message: String

    /// Creates an error.
    public init(location: SourceLocation, keyPath: String, message: String) {
        self.location = location
        self.keyPath = keyPath
        self.message = message
    }

    /// `file:line:col: keyPath: message`.
    public var description: String { "\(location): \(keyPath): \(message)" }
}

/// Every problem found in one config, in file order.
public struct NotifyConfigErrors: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, sorted by location.
    public var errors: [NotifyConfigError]
    /// Creates the collection.
    public init(_ errors: [NotifyConfigError]) { self.errors = errors.sorted { $0.location < $1.location } }
    /// One problem per line.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
