public import Model

/// One problem in binwatch.yml (or a file it names): where, which key, what was expected
/// and what was found, printed as `file:line:col: keyPath: expected …, found …`.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the offending node starts (the file itself, line 0, when the problem is the whole file).
    public var location: SourceLocation
    /// Dotted path of the key, e.g. `health_checks[1].degraded_above`.
    public var keyPath: String
    /// What binwatch expected there.
    public var expected: String
    /// What it found instead (never a secret's value).
    public var found: String

    /// Creates an error.
    public init(location: SourceLocation, keyPath: String, expected: String, found: String) {
        self.location = location
        self.keyPath = keyPath
        self.expected = expected
        self.found = found
    }

    public var description: String {
        let path = keyPath.isEmpty ? "" : "\(keyPath): "
        return "\(location): \(path)expected \(expected), found \(found)"
    }
}

/// Every problem found while loading a config (the loader collects them all).
public struct ConfigErrors: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problems in file order.
    public var errors: [ConfigError]

    /// Wraps `errors`.
    public init(_ errors: [ConfigError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
