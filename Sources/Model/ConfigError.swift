/// One problem in a configuration file (binwatch.yml or a file it names: collector files,
/// statistics analyses): where, which key, what was expected and what was found. One type
/// for the Daemon's loader and Collectors' source decoders, so their errors merge as they are.
///
/// Prints as `binwatch.yml:7:9: sources.postgres[0].query_timeout: expected a duration like 5s, found "soon"`.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the offending node starts; line 0 means the file as a whole (it could not be read).
    public var location: SourceLocation
    /// The dotted path of the key (`sources.postgres[0].dsn`); empty for file-level problems.
    public var keyPath: String
    /// What the key should hold (`a duration like 5s`).
    public var expected: String
    /// What was there instead, already safe to print (secrets never reach this field).
    public var found: String

    /// An error at `location` for `keyPath`; `found` must already be safe to print.
    public init(location: SourceLocation, keyPath: String, expected: String, found: String) {
        self.location = location
        self.keyPath = keyPath
        self.expected = expected
        self.found = found
    }

    public var description: String {
        let place = location.line > 0 ? location.description : location.file
        let key = keyPath.isEmpty ? "" : " \(keyPath):"
        return "\(place):\(key) expected \(expected), found \(found)"
    }
}

/// Every problem found in a configuration and the files it names, in file order.
public struct ConfigErrors: Error, Sendable, Equatable, CustomStringConvertible {
    /// The errors, in the order they were found.
    public var errors: [ConfigError]

    /// Wraps `errors`.
    public init(_ errors: [ConfigError]) { self.errors = errors }

    /// One error per line.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
