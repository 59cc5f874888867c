import Model
import Yams

extension YAMLMap {
    /// A secret given inline (as Alertmanager allows: users copy their files), as a whole-value
    /// `${ENV_VAR}` reference, or through `fileKey: /path` (trimmed of surrounding whitespace,
    /// as Alertmanager trims `*_file` contents). An inline literal earns a warning that a file
    /// or variable is safer; neither the value nor a file's contents ever reach a message.
    /// - Returns: the secret, or nil when neither key is set (or on error).
    mutating func secret(_ key: String, fileKey: String) -> Secret? {
        let inlineNode = value(key)
        let fileNode = value(fileKey)
        if inlineNode != nil && fileNode != nil {
            diagnostics.error(fileNode, childPath(fileKey), "at most one of \(key) and \(fileKey) may be set")
            return nil
        }
        if let inlineNode {
            guard case .scalar(let scalar) = inlineNode else {
                // `kind` would quote a scalar; a mapping or list is safe to name.
                diagnostics.error(inlineNode, childPath(key), "expected a string, found \(Self.kind(inlineNode))")
                return nil
            }
            let text = scalar.string
            guard text.hasPrefix("${"), text.hasSuffix("}"), text.count > 3 else {
                diagnostics.warning(inlineNode, childPath(key), "secret written inline; \(fileKey) or a ${ENV_VAR} reference is safer")
                return Secret(text)
            }
            let name = String(text.dropFirst(2).dropLast())
            guard MetricNames.isValidLabelName(name) else {
                diagnostics.error(inlineNode, childPath(key), "invalid environment variable name \"\(name)\"")
                return nil
            }
            guard let found = diagnostics.environment[name], !found.isEmpty else {
                diagnostics.error(inlineNode, childPath(key), "environment variable \(name) is not set or empty")
                return nil
            }
            return Secret(found)
        }
        if let fileNode {
            guard case .scalar(let scalar) = fileNode, !scalar.string.isEmpty else {
                diagnostics.error(fileNode, childPath(fileKey), "expected a file path")
                return nil
            }
            guard let contents = diagnostics.readFile(scalar.string) else {
                diagnostics.error(fileNode, childPath(fileKey), "cannot read file \"\(scalar.string)\"")
                return nil
            }
            let trimmed = contents.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else {
                diagnostics.error(fileNode, childPath(fileKey), "file \"\(scalar.string)\" is empty")
                return nil
            }
            return Secret(trimmed)
        }
        return nil
    }

    /// An `http://` or `https://` URL that is not a secret (PagerDuty's `url`).
    mutating func plainURL(_ key: String) -> String? {
        guard let text = string(key), let node = value(key) else { return nil }
        guard text.hasPrefix("http://") || text.hasPrefix("https://") else {
            diagnostics.error(node, childPath(key), "expected an http:// or https:// URL")
            return nil
        }
        return text
    }

    /// A templatable string; a `{{ }}` template is parsed here (errors at its node).
    mutating func template(_ key: String) -> TemplateString {
        let text = TemplateString(string(key))
        if let source = text.source { diagnostics.checkTemplate(source, node: value(key), path: childPath(key)) }
        return text
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in _: WhitespaceSet) -> String {
        var s = Substring(self)
        while let first = s.first, first.isWhitespace { s.removeFirst() }
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }
}

/// Marker for the whitespace trim above (avoids importing Foundation for one call).
fileprivate enum WhitespaceSet { case whitespacesAndNewlines }
