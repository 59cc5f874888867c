public import Model

/// Alertmanager's matcher syntax (`labels.ParseMatchers`, 0.25): `name op value` with
/// `op` one of `=`, `!=`, `=~`, `!~`; the value bare or double-quoted with `\"`, `\\`
/// and `\n` escapes; several matchers separated by commas, optionally in braces.
public enum MatcherParser {
    /// Parses one config string into matchers.
    /// - Throws: `MatcherParseError` naming the problem and the offending text.
    public static func parse(_ text: String) throws(MatcherParseError) -> [Matcher] {
        var body = Substring(text).trimmingSpaces()
        if body.hasPrefix("{") {
            guard body.hasSuffix("}") else { throw MatcherParseError(message: "missing closing \"}\"") }
            body = body.dropFirst().dropLast().trimmingSpaces()
        }
        var result: [Matcher] = []
        for piece in try split(body) where !piece.trimmingSpaces().isEmpty {
            result.append(try parseOne(piece.trimmingSpaces()))
        }
        if result.isEmpty { throw MatcherParseError(message: "no matcher in \"\(text)\"") }
        return result
    }

    /// Splits on commas outside double quotes.
    private static func split(_ text: Substring) throws(MatcherParseError) -> [Substring] {
        var pieces: [Substring] = []
        var start = text.startIndex
        var inQuotes = false
        var escaped = false
        var index = text.startIndex
        while index < text.endIndex {
            let ch = text[index]
            if escaped {
                escaped = false
            } else if ch == "\\" && inQuotes {
                escaped = true
            } else if ch == "\"" {
                inQuotes.toggle()
            } else if ch == "," && !inQuotes {
                pieces.append(text[start..<index])
                start = text.index(after: index)
            }
            index = text.index(after: index)
        }
        if inQuotes { throw MatcherParseError(message: "unterminated quoted value in \"\(text)\"") }
        pieces.append(text[start...])
        return pieces
    }

    private static func parseOne(_ text: Substring) throws(MatcherParseError) -> Matcher {
        let name = text.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") }
        guard !name.isEmpty, MetricNames.isValidLabelName(String(name)) else {
            throw MatcherParseError(message: "bad matcher format \"\(text)\": expected a label name")
        }
        var rest = text.dropFirst(name.count).trimmingSpaces()
        let kind: Matcher.Kind
        if rest.hasPrefix("=~") { kind = .regexMatch } else if rest.hasPrefix("!~") { kind = .regexNoMatch }
        else if rest.hasPrefix("!=") { kind = .notEqual } else if rest.hasPrefix("=") { kind = .equal }
        else { throw MatcherParseError(message: "bad matcher format \"\(text)\": expected =, !=, =~ or !~") }
        rest = rest.dropFirst(kind.rawValue.count).trimmingSpaces()
        var value = String(rest)
        if rest.hasPrefix("\"") {
            guard rest.count >= 2, rest.hasSuffix("\""), !rest.dropLast().hasSuffix("\\") || rest.dropLast().hasSuffix("\\\\")
            else { throw MatcherParseError(message: "bad matcher format \"\(text)\": unterminated quoted value") }
            value = try unquote(rest.dropFirst().dropLast())
        }
        do {
            return try Matcher(kind, String(name), value)
        } catch {
            throw MatcherParseError(message: "\(error)")
        }
    }

    private static func unquote(_ text: Substring) throws(MatcherParseError) -> String {
        var out = ""
        var escaped = false
        for ch in text {
            if escaped {
                switch ch {
                case "n": out.append("\n")
                case "\\", "\"": out.append(ch)
                default: out.append("\\"); out.append(ch)
                }
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else if ch == "\"" {
                throw MatcherParseError(message: "unescaped quote in value \"\(text)\"")
            } else {
                out.append(ch)
            }
        }
        return out
    }
}

/// A matcher string that does not parse.
public struct MatcherParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// The message.
    public var description: String { message }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while let first = s.first, first == " " || first == "\t" { s.removeFirst() }
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return s
    }
}
