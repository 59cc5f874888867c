/// `${NAME}` expansion in configuration values (`dsn: "${BINWATCH_PG_DSN}"`).
///
/// Only the braced form expands, so a `$` in a password stays as it is; an unset or
/// unterminated reference is an error rather than a silent empty string.
enum EnvironmentExpansion {
    enum Failure: Error, Equatable {
        case unset(String)
        case unterminated
    }

    static func expand(_ text: String, environment: [String: String]) -> Result<String, Failure> {
        var out = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            out += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            guard after.first == "{" else {
                out += "$"
                rest = after
                continue
            }
            let nameStart = after.index(after: after.startIndex)
            guard let close = after[nameStart...].firstIndex(of: "}") else { return .failure(.unterminated) }
            let name = String(after[nameStart..<close])
            guard let value = environment[name] else { return .failure(.unset(name)) }
            out += value
            rest = after[after.index(after: close)...]
        }
        out += rest
        return .success(out)
    }
}
