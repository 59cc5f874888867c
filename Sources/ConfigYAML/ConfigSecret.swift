public import Model

/// A secret as Prometheus and Alertmanager configs give one: written inline (users copy their
/// files, so it is accepted, with a warning that a file or variable is safer), with `${NAME}`
/// references expanded, or in a file named by the `*_file` key beside it. One implementation
/// for every section that takes credentials; neither a value nor a file's contents ever
/// reaches a message.
public enum ConfigSecret {
    /// Reads the secret of a `key` / `fileKey` pair.
    ///
    /// The file is read only when the diagnostics carry a reader (the daemon's load and
    /// reload, relative paths resolved by the reader); without one (`binwatch check config`)
    /// it stays unopened, as `amtool check-config` leaves it, and the secret is empty: the
    /// config is then fit for checking only. Its contents are trimmed of surrounding
    /// whitespace, as Prometheus and Alertmanager trim them.
    /// - Parameters:
    ///   - inline: the value of `key`, nil when absent or null.
    ///   - file: the value of `fileKey`, nil when absent or null.
    ///   - fileKey: the file key's name, for messages.
    ///   - inlineAdvice: the warning's advice for an inline value, where the key has no
    ///     file key to suggest.
    /// - Returns: the secret, or nil when neither is given or on error (reported).
    public static func read(
        inline: ConfigNode?, file: ConfigNode?, key: String, fileKey: String, inlineAdvice: String? = nil
    ) -> Secret? {
        if inline != nil, let file {
            file.fail(expected: "at most one of \(key) and \(fileKey)", found: "both")
            return nil
        }
        if let inline {
            // `string()` names a list or mapping but never quotes a scalar's text.
            guard let raw = inline.string(expected: "a string") else { return nil }
            guard raw.contains("${") else {
                inline.warn(inlineAdvice ?? "\(fileKey) or a ${ENV_VAR} reference (safer than a secret written inline)",
                        found: "a secret written inline")
                return Secret(raw)
            }
            guard let value = inline.expandedString(expected: "a secret") else { return nil }
            guard !value.isEmpty else {
                inline.fail(expected: "a non-empty value from the environment", found: "an empty value")
                return nil
            }
            return Secret(value)
        }
        guard let file else { return nil }
        guard let path = file.string(expected: "a file path") else { return nil }
        guard !path.isEmpty else {
            file.fail(expected: "a file path", found: "an empty string")
            return nil
        }
        guard let read = file.diagnostics.readFile else { return Secret("") }
        guard let contents = read(path) else {
            file.fail(expected: "a readable file", found: "\"\(path)\", which cannot be read")
            return nil
        }
        let trimmed = trimmingWhitespace(contents)
        guard !trimmed.isEmpty else {
            file.fail(expected: "a file holding the secret", found: "\"\(path)\", which is empty")
            return nil
        }
        return Secret(trimmed)
    }

    private static func trimmingWhitespace(_ text: String) -> String {
        var s = Substring(text)
        while let first = s.first, first.isWhitespace { s.removeFirst() }
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }
}
