/// `${NAME}` expansion for the values that may carry secrets or per-host paths.
/// `$$` stands for a literal `$`; a `$` not followed by `{` or `$` is kept as is, so
/// regexes such as `foo$` need no escaping. One implementation for every module.
public enum EnvironmentExpansion {
    /// Why a value could not be expanded.
    public enum Failure: Error, Equatable {
        case undefined(String)
        case unterminated
    }

    /// Expands every `${NAME}` in `text` from `environment`.
    public static func expand(_ text: String, environment: [String: String]) -> Result<String, Failure> {
        guard text.contains("$") else { return .success(text) }
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            let char = text[index]
            let next = text.index(after: index)
            guard char == "$", next < text.endIndex else {
                out.append(char)
                index = next
                continue
            }
            if text[next] == "$" {
                out.append("$")
                index = text.index(after: next)
            } else if text[next] == "{" {
                guard let close = text[next...].firstIndex(of: "}") else { return .failure(.unterminated) }
                let name = String(text[text.index(after: next)..<close])
                guard let value = environment[name] else { return .failure(.undefined(name)) }
                out += value
                index = text.index(after: close)
            } else {
                out.append(char)
                index = next
            }
        }
        return .success(out)
    }
}
