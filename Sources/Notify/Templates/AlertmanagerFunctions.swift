public import Rules

/// Alertmanager 0.25's template functions (`template.DefaultFuncs`) plus `trimSpace` (0.26),
/// beside Go's builtins. `toUpper`, `toLower`, `match`, `reReplaceAll` and `safeHtml` are
/// the same Go functions as Prometheus's, so the engine's own implementations serve; `title`
/// differs (Alertmanager uses `cases.Title`, which also lower-cases the rest of each word).
public struct AlertmanagerFunctions: TemplateFunctionSet {
    /// The functions a notification template may call.
    public let names: Set<String> = [
        "toUpper", "toLower", "title", "join", "match", "safeHtml", "reReplaceAll", "stringSlice", "trimSpace",
    ]

    /// The set.
    public init() {}

    public func call(_ name: String, _ args: [TemplateValue]) throws(TemplateFunctionError) -> TemplateValue? {
        switch name {
        case "join":
            // `strings.Join` with the separator first, for pipelines: `{{ .Values | join " " }}`.
            try TemplateArgs.count(name, args, 2)
            let separator = try TemplateArgs.string(args[0])
            return .string(try TemplateArgs.strings(args[1]).joined(separator: separator))
        case "stringSlice":
            var strings: [String] = []
            for arg in args { strings.append(try TemplateArgs.string(arg)) }
            return TemplateStrings(strings).templateValue
        case "trimSpace":
            try TemplateArgs.count(name, args, 1)
            return .string(Self.trimSpace(try TemplateArgs.string(args[0])))
        case "title":
            try TemplateArgs.count(name, args, 1)
            return .string(Self.title(try TemplateArgs.string(args[0])))
        default:
            return nil
        }
    }

    /// `strings.TrimSpace`: Unicode white space at both ends.
    static func trimSpace(_ s: String) -> String {
        var scalars = Substring(s).unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// `cases.Title(language.AmericanEnglish)`: the first letter of each word upper-cased,
    /// the rest lower-cased; letters, digits, `'` and `_`-free runs make a word.
    static func title(_ s: String) -> String {
        var out = ""
        var inWord = false
        for ch in s {
            let wordChar = ch.isLetter || ch.isNumber || ch == "'" || ch == "’"
            if wordChar {
                out += inWord ? ch.lowercased() : ch.uppercased()
                inWord = true
            } else {
                out.append(ch)
                inWord = false
            }
        }
        return out
    }
}
