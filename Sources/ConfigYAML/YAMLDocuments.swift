public import Yams

/// The one place binwatch turns YAML text into node trees: every document of the text,
/// with merge keys (`<<: *anchor`) folded in as go-yaml folds them, and positions kept.
public enum YAMLDocuments {
    /// Composes every document of `text`, merge keys resolved.
    /// - Returns: the documents in file order (empty for an empty text).
    /// - Throws: `YAMLSyntaxError` at the first syntax error libyaml reports.
    public static func compose(_ text: String) throws(YAMLSyntaxError) -> [Node] {
        do {
            var documents: [Node] = []
            // Yams' document sequence stops at a syntax error and keeps it rather than throwing.
            var sequence = try Yams.compose_all(yaml: text)
            while let document = sequence.next() { documents.append(MergeKeys.resolve(document)) }
            if let error = sequence.error { throw YAMLSyntaxError(error) }
            return documents
        } catch let error as YAMLSyntaxError {
            throw error
        } catch {
            throw YAMLSyntaxError(error)
        }
    }

    /// The first document of `text` (nil for an empty text) and how many documents follow it
    /// that hold anything but null, for callers that read one document and warn about the rest.
    /// - Throws: `YAMLSyntaxError` at the first syntax error, in any document (libyaml
    ///   reads the whole stream, as go-yaml's `Unmarshal` does).
    public static func first(_ text: String) throws(YAMLSyntaxError) -> (document: Node?, ignored: Int) {
        let documents = try compose(text)
        let ignored = documents.dropFirst().filter { !$0.isYAMLNull }.count
        return (documents.first, ignored)
    }
}

/// A YAML syntax error as libyaml (through Yams) reported it. Its description never echoes
/// the document (Yams' own quotes the offending line, and a config may hold secrets).
public struct YAMLSyntaxError: Error, Sendable, CustomStringConvertible {
    /// Yams' error, when it was one (scanner/parser/composer problems carry a mark).
    public let yamlError: YamlError?
    /// Yams' problem text (`mapping values are not allowed in this context`).
    public let problem: String
    /// 1-based line and column of the problem; (0, 0) when libyaml gave none.
    public let line: Int, column: Int

    init(_ error: any Error) {
        yamlError = error as? YamlError
        switch yamlError {
        case .scanner(_, let problem, let mark, _)?, .parser(_, let problem, let mark, _)?,
             .composer(_, let problem, let mark, _)?:
            (self.problem, line, column) = (problem, mark.line, mark.column)
        case .duplicatedKeysInMapping(let duplicates, let context)?:
            problem = "duplicate key " + duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            (line, column) = (context.mark.line, context.mark.column)
        case .reader(let problem, _, _, _)?:
            (self.problem, line, column) = (problem, 0, 0)
        default:
            (problem, line, column) = ("a document libyaml rejected", 0, 0)
        }
    }

    public var description: String { "line \(line), column \(column): \(problem)" }
}

extension Node {
    /// Whether the node is a YAML null (`~`, `null`, or nothing at all), as go-yaml reads it.
    public var isYAMLNull: Bool {
        guard case .scalar(let scalar) = self else { return false }
        if scalar.style != .plain { return false }
        return tag.description.hasSuffix(":null") || scalar.string.isEmpty || ["~", "null", "Null", "NULL"].contains(scalar.string)
    }
}
