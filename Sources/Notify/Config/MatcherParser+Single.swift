import Foundation
public import Model

extension MatcherParser {
    /// Go's `\s` (RE2: tab, newline, form feed, carriage return, space) spelled out, since
    /// ICU's `\s` also takes Unicode spaces; `\z` for Go's `$` without `(?m)`.
    private static let single: NSRegularExpression? = try? NSRegularExpression(
        pattern: #"\A[\t\n\f\r ]*([a-zA-Z_:][a-zA-Z0-9_:]*)[\t\n\f\r ]*(=~|=|!=|!~)[\t\n\f\r ]*((?s).*?)[\t\n\f\r ]*\z"#)

    /// Alertmanager 0.25's `labels.ParseMatcher`: one matcher, no braces, no commas as
    /// separators, the value bare or quoted with OpenMetrics escapes, a lone `\` kept as a
    /// literal. amtool parses each `LABEL=VALUE` argument with it, so the messages are Go's.
    /// - Throws: `MatcherParseError` with Go's text (`bad matcher format: …`,
    ///   `matcher value contains unescaped double quote: …`) or the regex's error.
    public static func parseMatcher(_ text: String) throws(MatcherParseError) -> Matcher {
        let ns = text as NSString
        guard let single, let match = single.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else {
            throw MatcherParseError(message: "bad matcher format: \(text)")
        }
        let name = ns.substring(with: match.range(at: 1))
        let op = ns.substring(with: match.range(at: 2))
        let raw = ns.substring(with: match.range(at: 3))
        guard let kind = Matcher.Kind(rawValue: op) else { throw MatcherParseError(message: "bad matcher format: \(text)") }
        var scalars = Array(raw.unicodeScalars)
        var expectTrailingQuote = false
        if scalars.first == "\"" {
            scalars.removeFirst()
            expectTrailingQuote = true
        }
        var value = String.UnicodeScalarView()
        var escaped = false
        for (i, scalar) in scalars.enumerated() {
            let isLast = i == scalars.count - 1
            if escaped {
                escaped = false
                switch scalar {
                case "n": value.append("\n")
                case "\"", "\\": value.append(scalar)
                default: value.append("\\"); value.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\\":
                // A `\` as the last character is a literal backslash, as in Go.
                if isLast { value.append(scalar) } else { escaped = true }
            case "\"":
                guard expectTrailingQuote, isLast else {
                    throw MatcherParseError(message: "matcher value contains unescaped double quote: \(raw)")
                }
                expectTrailingQuote = false
            default: value.append(scalar)
            }
        }
        if expectTrailingQuote {
            throw MatcherParseError(message: "matcher value contains unescaped double quote: \(raw)")
        }
        do {
            return try Matcher(kind, name, String(value))
        } catch {
            throw MatcherParseError(message: "\(error)")
        }
    }
}
