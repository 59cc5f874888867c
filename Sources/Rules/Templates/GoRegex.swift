import Foundation

/// The unanchored `regexp` calls templates make (`match`, `reReplaceAll`), with Go's
/// `$1` / `${name}` / `$$` replacement expansion. Patterns run on ICU (NSRegularExpression),
/// which agrees with RE2 on the syntax rules use; RE2-only constructs are rejected.
enum GoRegex {
    static func compile(_ pattern: String) throws(TemplateFunctionError) -> NSRegularExpression {
        do {
            return try NSRegularExpression(pattern: pattern, options: [])
        } catch {
            throw TemplateFunctionError(message: "error parsing regexp: invalid pattern: `\(pattern)`")
        }
    }

    static func matches(pattern: String, _ text: String) throws(TemplateFunctionError) -> Bool {
        let re = try compile(pattern)
        return re.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    static func replaceAll(pattern: String, replacement: String, in text: String) throws(TemplateFunctionError) -> String {
        let re = try compile(pattern)
        let ns = text as NSString
        var out = ""
        var last = 0
        let names = groupNames(pattern)
        for match in re.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            out += ns.substring(with: NSRange(location: last, length: match.range.location - last))
            out += expand(replacement, match: match, in: ns, names: names)
            last = match.range.location + match.range.length
        }
        out += ns.substring(from: last)
        return out
    }

    /// Named groups `(?P<name>…)` / `(?<name>…)` in order.
    private static func groupNames(_ pattern: String) -> [String] {
        guard let re = try? NSRegularExpression(pattern: "\\(\\?P?<([A-Za-z_][A-Za-z0-9_]*)>") else { return [] }
        let ns = pattern as NSString
        return re.matches(in: pattern, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
    }

    /// `regexp.Expand`: `$name` takes the longest run of word characters; unknown groups are empty.
    private static func expand(_ template: String, match: NSTextCheckingResult, in ns: NSString, names: [String]) -> String {
        func group(_ name: String) -> String {
            var index: Int? = Int(name)
            if index == nil, let named = names.firstIndex(of: name) {
                index = match.range(withName: names[named]).location == NSNotFound ? nil : -1
                if index == -1 { return ns.substring(with: match.range(withName: name)) }
            }
            guard let i = index, i >= 0, i < match.numberOfRanges else { return "" }
            let r = match.range(at: i)
            return r.location == NSNotFound ? "" : ns.substring(with: r)
        }
        let chars = Array(template)
        var out = ""
        var i = 0
        while i < chars.count {
            guard chars[i] == "$", i + 1 < chars.count else {
                out.append(chars[i])
                i += 1
                continue
            }
            if chars[i + 1] == "$" {
                out += "$"
                i += 2
            } else if chars[i + 1] == "{", let close = chars[(i + 2)...].firstIndex(of: "}"),
                close > i + 2, chars[(i + 2)..<close].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                out += group(String(chars[(i + 2)..<close]))
                i = close + 1
            } else {
                var j = i + 1
                while j < chars.count, chars[j].isASCII, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j += 1 }
                if j == i + 1 {
                    out += "$"
                    i += 1
                } else {
                    out += group(String(chars[(i + 1)..<j]))
                    i = j
                }
            }
        }
        return out
    }
}
