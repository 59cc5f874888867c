public import Model

/// `label_replace` and `label_join` (`evalLabelReplace` / `evalLabelJoin`).
extension Evaluator {
    func labelReplace(_ args: [Expr]) throws -> Matrix {
        let strings = args.dropFirst().map(stringArgument)
        let (dst, replacement, src, pattern) = (strings[0], strings[1], strings[2], strings[3])
        let regex: CompiledRegex
        do {
            regex = try CompiledRegex(pattern)
        } catch {
            throw EvaluationError.execution("invalid regular expression in label_replace(): \(pattern)")
        }
        guard LabelFunctions.isValidLabelName(dst) else {
            throw EvaluationError.execution("invalid destination label name in label_replace(): \(dst)")
        }
        var matrix = try eval(args[0]).matrix
        for i in matrix.indices {
            let source = matrix[i].labels[src] ?? ""
            guard let groups = regex.captures(in: source) else { continue }
            let value = LabelFunctions.expand(replacement, groups: groups)
            matrix[i].labels.set(dst, to: value)
            if dst == LabelName.metricName { matrix[i].dropName = false }
        }
        return try mergeSeriesWithSameLabelset(matrix)
    }

    func labelJoin(_ args: [Expr]) throws -> Matrix {
        let strings = args.dropFirst().map(stringArgument)
        let (dst, separator) = (strings[0], strings[1])
        let sources = Array(strings.dropFirst(2))
        for src in sources where !LabelFunctions.isValidLabelName(src) {
            throw EvaluationError.execution("invalid source label name in label_join(): \(src)")
        }
        guard LabelFunctions.isValidLabelName(dst) else {
            throw EvaluationError.execution("invalid destination label name in label_join(): \(dst)")
        }
        var matrix = try eval(args[0]).matrix
        for i in matrix.indices {
            let joined = sources.map { matrix[i].labels[$0] ?? "" }.joined(separator: separator)
            matrix[i].labels.set(dst, to: joined)
            if dst == LabelName.metricName { matrix[i].dropName = false }
        }
        return try mergeSeriesWithSameLabelset(matrix)
    }

    func stringArgument(_ expr: Expr) -> String {
        if case .stringLiteral(let literal) = expr.unwrappingParens { return literal.value }
        return ""
    }
}

enum LabelFunctions {
    /// Prometheus 3.x accepts any non-empty valid UTF-8 label name.
    static func isValidLabelName(_ name: String) -> Bool {
        !name.isEmpty && !name.unicodeScalars.contains("\u{FFFD}")
    }

    /// Go's `Regexp.ExpandString`: `$1`, `${1}`, `$name`, `${name}`, `$$`; a name is the
    /// longest run of letters, digits and `_` (so `$1x` names group "1x": empty).
    /// Named groups are not available (the regex engine numbers groups only), so they
    /// expand to "".
    static func expand(_ template: String, groups: [String]) -> String {
        var out = ""
        var chars = Substring(template)
        while let dollar = chars.firstIndex(of: "$") {
            out += chars[..<dollar]
            chars = chars[chars.index(after: dollar)...]
            if chars.first == "$" {
                out += "$"
                chars = chars.dropFirst()
                continue
            }
            var name: Substring
            if chars.first == "{" {
                guard let close = chars.firstIndex(of: "}") else { out += "$"; continue }
                name = chars[chars.index(after: chars.startIndex)..<close]
                guard !name.isEmpty, name.allSatisfy(isNameCharacter) else { out += "$"; continue }
                chars = chars[chars.index(after: close)...]
            } else {
                name = chars.prefix(while: isNameCharacter)
                guard !name.isEmpty else { out += "$"; continue }
                chars = chars.dropFirst(name.count)
            }
            if name.allSatisfy(\.isASCII) && name.allSatisfy(\.isNumber), let number = Int(name) {
                if number < groups.count { out += groups[number] }
            }
        }
        out += chars
        return out
    }

    private static func isNameCharacter(_ c: Character) -> Bool {
        c == "_" || (c.isASCII && (c.isLetter || c.isNumber))
    }
}
